#!/usr/bin/env bash
# Load test (issue 11 point 5): a throwaway PostgreSQL cluster (the app's private one, in a temp folder), the app built in
# Release on a free port with rate limits raised for the run, then the load driver
# (DigitalBrain.Load): 50 curators adding and editing entries for 120 s, verified afterwards, then
# 20 browser sessions on a curation page (arrival, parameter switches, live updates).
#   scripts/loadtest.sh [--users 50] [--seconds 120] [--populations 4] [--browsers 20] [--arrival-seconds 5] [--interactions 10] [--live-rounds 5]
# Options given first win over the defaults after them. Everything is removed at exit. Prints the driver's report and the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/throwaway-app.sh
throwaway_app_prepare load
# Server-Timing on every answer: the driver tells the server's time for a page from the browser's.
# One log line per API call would be the bulk of the app's work under load; failures still show.
throwaway_app_start DigitalBrain__ServerTiming=true "Logging__LogLevel__DigitalBrain.Security=Warning"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
CPU_BEFORE=$(throwaway_app_cpu_seconds)
status=0
dotnet DigitalBrain.Load/bin/Release/net10.0/digitalbrain-load.dll --url "$APP_URL" "$@" --browsers 20 --app-pid "$APP_PID" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); app CPU seconds during the run: $(( $(throwaway_app_cpu_seconds) - CPU_BEFORE ))"
grep -A3 -E "fail:|crit:" "$WORK/app.log" | head -40 || true
exit $status
