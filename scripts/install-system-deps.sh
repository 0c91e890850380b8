#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing:
# Chromium for the browser tests, poppler-utils to read PDFs, WeasyPrint's Pango/HarfBuzz libraries
# and fonts for every script a name may use (Noto: Greek, Cyrillic, Arabic, Hebrew, CJK…),
# docker-compose to validate docker/compose.yaml (no engine needed),
# clamd for the malware-scanning tests (they run it on a self-made signature: no freshclam, no network),
# LibreOffice Calc (headless) to open the spreadsheets the app exports.
set -euo pipefail
PACKAGES=(chromium poppler-utils fonts-dejavu-core fonts-inter fonts-noto-core fonts-noto-cjk
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 clamav-daemon docker-compose
          libreoffice-calc-nogui)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian system: make sure these are installed: ${PACKAGES[*]}" >&2
  exit 0
fi
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}. Install them: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
