#!/usr/bin/env bash
# Installs the system packages losslab's toolchain needs on Debian 12: Jupyter's executor and the
# classic Notebook server, PyTorch (for regenerating the parity fixtures and the benchmark's anchor),
# and Chromium (for the browser tests). Elsewhere it changes nothing: there, Node >= 20 and
# `pip install jupyterlab` are what the notebooks need.
set -euo pipefail
packages=(python3-torch jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-notebook
          jupyter-client chromium chromium-driver fonts-liberation python3-numpy)
if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
  echo "setup-system: not a Debian system; install Jupyter yourself (pip install jupyterlab)."
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup-system: run as root to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
