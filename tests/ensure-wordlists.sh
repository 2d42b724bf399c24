#!/usr/bin/env bash
# CrisisTypoTests compare the crisis net's words with Debian's Dutch and English word lists. Installs them if missing.
set -euo pipefail
if [ -f /usr/share/dict/dutch ] && [ -f /usr/share/dict/american-english ]; then
  exit 0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing the word lists wdutch and wamerican (Debian packages)…"
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wdutch wamerican >/dev/null
