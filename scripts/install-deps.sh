#!/usr/bin/env bash
# Installs the Debian packages donum needs, only those that are missing; extra package
# names given as arguments are installed too (scripts/fuzz.sh adds clang's).
set -euo pipefail
# libcpp-httplib-dev, nlohmann-json3-dev: donum serve (and donum lsp); chromium and node: the
# browser test of serve; node and npm also run the test of the editor grammar (editors/test).
# libxlsxwriter-dev, libzip-dev, libexpat1-dev: workbooks written and read; python3-openpyxl
# and libreoffice-calc-nogui: their tests and screenshots.
packages=(g++ cmake make tao-pegtl-dev libfmt-dev doctest-dev libcli11-dev nlohmann-json3-dev gnuplot-nox
  libssl-dev pkg-config libxlsxwriter-dev libzip-dev libexpat1-dev python3-openpyxl libreoffice-calc-nogui
  libcpp-httplib-dev chromium fonts-dejavu-core "$@")
# node and npm may come from elsewhere than Debian (a newer nodejs bundles npm): asked only
# when the commands are missing.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "donum: installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "donum: run as root or install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
