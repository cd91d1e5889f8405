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

# build_ui: build the React app into static/ when its sources are newer than the build.
build_ui() {
  [ -f "$ROOT/ui/package.json" ] || return 0
  if ! command -v npm >/dev/null 2>&1; then
    log "npm not found: skipping the web UI build (the API still runs)"
    return 0
  fi
  local built="$ROOT/static/index.html"
  if [ -f "$built" ] && [ -z "$(find "$ROOT/ui/src" "$ROOT/ui/package.json" "$ROOT/ui/index.html" -newer "$built" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  log "building the web UI"
  (cd "$ROOT/ui" && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build)
}
