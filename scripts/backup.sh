#!/usr/bin/env bash
# Backs up the DigitalBrain database (app tables, Identity, Hangfire's schema) with pg_dump in its
# custom format (compressed; restore with scripts/restore.sh, selectively if need be).
#   scripts/backup.sh [-c CONNECTION_STRING] [-o FILE]
# The connection string is the app's (Host=…;Port=…;Database=…;Username=…;Password=…) or a
# postgresql:// URI; default: $ConnectionStrings__DigitalBrain, else the local .data/pg cluster.
# FILE defaults to backups/digitalbrain-<UTC time>.dump.
set -euo pipefail
source "$(dirname "$0")/pg-connection.sh"
cs="${ConnectionStrings__DigitalBrain:-}"
out=""
while getopts "c:o:" opt; do
  case "$opt" in
    c) cs="$OPTARG" ;;
    o) out="$OPTARG" ;;
    *) sed -n 2,8p "$0" >&2; exit 2 ;;
  esac
done
pg_connect "$cs"
if [[ -z "$out" ]]; then
  mkdir -p backups
  out="backups/digitalbrain-$(date -u +%Y%m%dT%H%M%SZ).dump"
fi
# --no-owner/--no-acl: the dump restores under whichever role runs restore.sh.
"$(pg_bin)/pg_dump" --format=custom --compress=6 --no-owner --no-acl --file="$out.partial"
mv "$out.partial" "$out"
echo "$out"
