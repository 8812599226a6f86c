# Sourced by backup.sh and restore.sh: finds the PostgreSQL client tools and turns a connection
# string into libpq's PG* variables.
#   pg_connect "Host=...;Port=...;Database=...;Username=...;Password=..."   (the app's ADO.NET form)
#   pg_connect "postgresql://user:pass@host:port/db"                      (a libpq URI)
#   pg_connect ""  → the private cluster the app starts under .data/pg when no connection string is configured
pg_bin() {
  if [[ -n "${DIGITALBRAIN_PG_BIN:-}" ]]; then echo "$DIGITALBRAIN_PG_BIN"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1 || true)
  if [[ -n "$dir" ]]; then echo "$dir"; else dirname "$(command -v pg_dump)"; fi
}

pg_connect() {
  local cs="$1" repo
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [[ -z "$cs" ]]; then
    local pid="$repo/.data/pg/postmaster.pid"
    [[ -f "$pid" ]] || { echo "no connection string given and the local cluster ($repo/.data/pg) is not running" >&2; return 1; }
    export PGHOST=127.0.0.1 PGPORT="$(sed -n 4p "$pid")" PGUSER=postgres PGDATABASE="${PGDATABASE:-digitalbrain}"
    PGPASSWORD="$(cat "$repo/.data/pg.password")"; export PGPASSWORD
    return 0
  fi
  if [[ "$cs" == postgres://* || "$cs" == postgresql://* ]]; then
    export PGDATABASE="$cs"   # libpq accepts a URI wherever a database name goes
    return 0
  fi
  local pair key value
  IFS=';' read -ra pairs <<< "$cs"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == *=* ]] || continue
    key="$(echo "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    value="${pair#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|user|userid|"user id") export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
      sslmode) export PGSSLMODE="$(echo "$value" | tr '[:upper:]' '[:lower:]')" ;;
    esac
  done
}
