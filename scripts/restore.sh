#!/usr/bin/env bash
# Restores a scripts/backup.sh dump into a database, creating it when it does not exist.
#   scripts/restore.sh [-c CONNECTION_STRING] [-d DATABASE] [--replace] FILE
# Connection as for backup.sh; -d overrides its database (restore next to the live one, then
# switch the app over). An existing database that has tables is refused unless --replace is
# given, which drops and recreates what the dump holds. Stop the app (web and workers) first.
set -euo pipefail
source "$(dirname "$0")/pg-connection.sh"
cs="${ConnectionStrings__DigitalBrain:-}"
db=""
replace=0
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -c) cs="$2"; shift 2 ;;
    -d) db="$2"; shift 2 ;;
    --replace) replace=1; shift ;;
    -*) sed -n 2,6p "$0" >&2; exit 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ ${#args[@]} -eq 1 ]] || { sed -n 2,6p "$0" >&2; exit 2; }
file="${args[0]}"
[[ -f "$file" ]] || { echo "no such backup: $file" >&2; exit 1; }
pg_connect "$cs"
[[ -n "$db" ]] && export PGDATABASE="$db"
bin="$(pg_bin)"
target="$PGDATABASE"
exists=$(PGDATABASE=postgres "$bin/psql" -XtAc "SELECT 1 FROM pg_database WHERE datname = '${target//\'/\'\'}'")
if [[ "$exists" != "1" ]]; then
  PGDATABASE=postgres "$bin/createdb" "$target"
else
  tables=$("$bin/psql" -XtAc "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
  if [[ "$tables" != "0" && $replace -eq 0 ]]; then
    echo "database $target already has $tables tables; pass --replace to overwrite it" >&2
    exit 1
  fi
fi
flags=(--no-owner --no-acl --exit-on-error --single-transaction)
[[ $replace -eq 1 ]] && flags+=(--clean --if-exists)
"$bin/pg_restore" "${flags[@]}" --dbname="$target" "$file"
echo "restored $file into $target"
