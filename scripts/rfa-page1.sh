#!/usr/bin/env bash
# Regenerates docs/rfa-page1.png: page 1 of the RFA drafted from the synthetic fixture
# test/fixtures/rfa/complete.md (needs poppler-utils: bash scripts/test-setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build.mjs
tmp="$(mktemp -d)"
node dist/cli.js rfa test/fixtures/rfa/complete.md --out "$tmp/rfa.pdf" >/dev/null
pdftoppm -png -r 110 -f 1 -l 1 -singlefile "$tmp/rfa.pdf" docs/rfa-page1
rm -rf "$tmp"
echo "wrote docs/rfa-page1.png"
