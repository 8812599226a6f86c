#!/usr/bin/env bash
# The whole brain through the product (issue 12 point 3): a throwaway PostgreSQL cluster (the app's
# private one, in a temp folder), the Release app on a free port with a first admin, then
# `digitalbrain-load wholebrain-app`: the admin imports the whole-brain benchmark (models page button),
# versions it and launches ONE run through the API, while the models page, the model overview, the
# structure page, a population's and a projection's curation page (prerendered HTML, sign-in cookie),
# an API entry write and that entry's live arrival on an open curation page (Chromium) are timed every
# few seconds; then the run dashboard and results are fetched and a table by run phase is printed.
#   scripts/bench-wholebrain-app.sh [--scale 1] [--presim 100] [--simulate 200] [--interval 3] [--nice 10] [--threads 0]
# --nice: the engine threads' nice value in the app (DigitalBrain:Runs:EngineNice; 0 = not lowered).
# Above scale 0.25 the whole script runs under `flock /tmp/wholebrain.lock` (one whole-brain process
# at a time on the shared machine). Exits non-zero when the run fails or a probe errors. The app's log
# is kept in bench-results/wholebrain-app/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=1 NICE=10 THREADS=0 PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; PASS+=("$1" "$2"); shift 2 ;;
    --nice) NICE="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    *) PASS+=("$1"); shift ;;
  esac
done
if [ -z "${DIGITALBRAIN_WHOLEBRAIN_LOCKED:-}" ] && awk "BEGIN { exit !($SCALE > 0.25) }"; then
  export DIGITALBRAIN_WHOLEBRAIN_LOCKED=1
  exec flock /tmp/wholebrain.lock "$0" --nice "$NICE" --threads "$THREADS" "${PASS[@]}"
fi

. scripts/lib/throwaway-app.sh
keep_app_log() {
  mkdir -p bench-results/wholebrain-app && cp "$WORK/app.log" "bench-results/wholebrain-app/app-$(date -u +%Y%m%dT%H%M%S).log" 2>/dev/null || true
}
throwaway_app_prepare wbapp keep_app_log
# Exported: the app creates this first admin and the driver signs in as it.
export DigitalBrain__Admin__Email="wholebrain-admin@example.org"
export DigitalBrain__Admin__Password="whole brain benchmark $(date +%s%N)"
throwaway_app_start DigitalBrain__Runs__EngineNice="$NICE" DigitalBrain__Runs__Threads="$THREADS"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "engine threads: ${THREADS} (0 = one per core), nice ${NICE}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
CPU_BEFORE=$(throwaway_app_cpu_seconds)
status=0
dotnet DigitalBrain.Load/bin/Release/net10.0/digitalbrain-load.dll wholebrain-app --url "$APP_URL" "${PASS[@]}" || status=$?
echo "app peak RSS: $(awk '/VmHWM/ {printf "%.2f GB", $2 / 1048576}' "/proc/$APP_PID/status"); app CPU seconds: $(( $(throwaway_app_cpu_seconds) - CPU_BEFORE ))"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Every failure the app logged, but the migrations history query that fails on a fresh database by design.
awk 'function flush() { if (block != "" && block !~ /__EFMigrationsHistory/) print block; block = "" }
     /^(fail|crit):/ { flush(); block = $0; next }
     /^[ \t]/ { if (block != "") block = block "\n" $0; next }
     { flush() }
     END { flush() }' "$WORK/app.log" | head -30 || true
exit $status
