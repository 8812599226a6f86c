#!/usr/bin/env bash
# Load test (issue 11 point 5): a throwaway PostgreSQL cluster (the app's private one, in a temp folder), the app built in
# Release on a free port with rate limits raised for the run, then the load driver
# (DigitalBrain.Load): 50 curators adding and editing entries for 120 s, verified afterwards, then
# 20 browser sessions on a curation page (arrival, parameter switches, live updates).
#   scripts/loadtest.sh [--users 50] [--seconds 120] [--populations 4] [--browsers 20] [--arrival-seconds 5] [--interactions 10] [--live-rounds 5]
# Options given first win over the defaults after them. Everything is removed at exit. Prints the driver's report and the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BIN="${DIGITALBRAIN_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
WORK="$(mktemp -d /tmp/digitalbrain-load.XXXXXX)"
chmod 755 "$WORK"
APP_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  else "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${DIGITALBRAIN_LOAD_NO_BUILD:-}" != 1 ]; then
  dotnet build DigitalBrain.Web -c Release -v q -nologo >/dev/null
  dotnet build DigitalBrain.Load -c Release -v q -nologo >/dev/null
fi

# The app starts its own private cluster in this folder (as the postgres user when run as root).
export ConnectionStrings__DigitalBrain=""
export DigitalBrain__LocalDatabaseDir="$WORK/pg"
export DIGITALBRAIN_PG_BIN="$PG_BIN"
export ASPNETCORE_ENVIRONMENT=Production
export DigitalBrain__RateLimits__Api__PermitLimit=1000000
export DigitalBrain__RateLimits__Login__PermitLimit=1000000
# Server-Timing on every answer: the driver tells the server's time for a page from the browser's.
export DigitalBrain__ServerTiming=true
# One log line per API call would be the bulk of the app's work under load; failures still show.
env "Logging__LogLevel__DigitalBrain.Security=Warning" dotnet DigitalBrain.Web/bin/Release/net10.0/DigitalBrain.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$APP_PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$APP_PORT/healthz" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
CPU_BEFORE=$(ps -o cputimes= -p "$APP_PID" | xargs)
status=0
dotnet DigitalBrain.Load/bin/Release/net10.0/digitalbrain-load.dll --url "http://127.0.0.1:$APP_PORT" "$@" --browsers 20 --app-pid "$APP_PID" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); app CPU seconds during the run: $(( $(ps -o cputimes= -p "$APP_PID" | xargs) - CPU_BEFORE ))"
grep -A3 -E "fail:|crit:" "$WORK/app.log" | head -40 || true
exit $status
