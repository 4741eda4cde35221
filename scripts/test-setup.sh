#!/usr/bin/env bash
# Test prerequisites beyond npm: Debian's poppler-utils (pdftotext, pdftoppm), used by
# test/unit/rfa-pdf.test.ts to read the RFA PDF's text and by scripts/rfa-page1.sh for the picture.
# Installs only what is missing; safe to run on every CI run.
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
command -v pdftotext >/dev/null
