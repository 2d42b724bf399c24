#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (never a browser a test tool downloads). Installs it if missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing Chromium (Debian package)…"
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
