#!/usr/bin/env bash
# Sets up a checkout of losslab from nothing, and is quick when it is already set up:
#
#   1. Debian 12 packages, only what PyPI and npm cannot give: Chromium and fonts for the browser
#      suites, Python's venv module (skipped where the packages are installed or apt is absent);
#   2. .venv/ from requirements.txt, constrained by requirements.lock (JupyterLab, nbclient, plotly,
#      torch); skipped while both files are unchanged since the last install;
#   3. node_modules/ by `npm ci`; skipped while package-lock.json is unchanged since the last install;
#   4. `npm run build`: the library, the tslab kernel in .jupyter-data/, every notebook executed, site/.
#
#   bash kernel/setup.sh               all four steps
#   bash kernel/setup.sh --no-build    steps 1-3 (what .ci/run needs before `npm test`)
#
# LOSSLAB_BASE_PYTHON names the Python that creates the venv (default: python3 on PATH).
# Nothing is installed globally; Jupyter, tslab and torch live in .venv/ and node_modules/.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) echo "usage: bash kernel/setup.sh [--no-build] (got $arg)" >&2; exit 2 ;;
  esac
done

say() { echo "setup: $*"; }
base_python=${LOSSLAB_BASE_PYTHON:-python3}

system_packages() {
  local wanted=(chromium fonts-liberation fonts-dejavu-core)
  if ! command -v "$base_python" >/dev/null || ! "$base_python" -c "import venv, ensurepip" 2>/dev/null; then
    wanted+=(python3 python3-venv)
    base_python=python3
  fi
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    say "not a Debian system: install Chromium and Python 3 with its venv module yourself"
    return
  fi
  local missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: run as root to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# A stamp holds the checksum of the files an install was made from; an unchanged checksum skips it.
checksum() { cat "$@" | sha256sum | cut -d' ' -f1; }
is_current() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

python_venv() {
  local stamp=.venv/.losslab-installed sum
  sum=$(checksum requirements.txt requirements.lock)
  if [ -x .venv/bin/python ] && is_current "$stamp" "$sum"; then
    say ".venv/ is current"
    return
  fi
  [ -x .venv/bin/python ] || { say "creating .venv/"; "$base_python" -m venv .venv; }
  say "pip install -r requirements.txt -c requirements.lock"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock
  echo "$sum" > "$stamp"
}

node_modules() {
  local stamp=node_modules/.losslab-installed sum
  sum=$(checksum package-lock.json)
  if is_current "$stamp" "$sum"; then
    say "node_modules/ is current"
    return
  fi
  say "npm ci"
  npm ci --no-audit --no-fund
  echo "$sum" > "$stamp"
}

system_packages
python_venv
node_modules
if [ "$build" -eq 1 ]; then
  say "npm run build (library, kernel, notebooks, site)"
  npm run build
fi
