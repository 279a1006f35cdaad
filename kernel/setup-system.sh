#!/usr/bin/env bash
# Installs the system packages losslab's toolchain needs on Debian 12 (run as root):
# Jupyter's executor and classic Notebook server, PyTorch for the fixtures, Chromium for browser tests.
# On other systems: `pip install jupyterlab` is enough for the notebooks.
set -euo pipefail
packages=(python3-torch jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-notebook
          jupyter-client chromium chromium-driver fonts-liberation python3-numpy)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
