#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need (PostgreSQL server binaries, Chromium for
# the browser tests, Brian2 for the cross-simulator checks, matplotlib for the benchmark plot), only those missing, only as root.
set -euo pipefail

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ "${1:-}" = "--tests" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  /usr/bin/python3 -c 'import brian2' >/dev/null 2>&1 || need+=(python3-brian)
  /usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1 || need+=(python3-matplotlib)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${need[*]}. Install them (sudo apt-get install ${need[*]}) and run again." >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
