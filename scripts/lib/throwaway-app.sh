# Sourced by the scripts that drive the Release app with DigitalBrain.Load (loadtest.sh,
# bench-wholebrain-app.sh): the app on a free port with its own private PostgreSQL cluster in a temp
# folder, both removed at exit.
#   throwaway_app_prepare NAME [HOOK]  temp folder /tmp/digitalbrain-NAME.*, exit trap, Release builds
#                                      (skipped with DIGITALBRAIN_LOAD_NO_BUILD=1); HOOK runs at exit
#                                      once the app has stopped, while $WORK/app.log still exists.
#   throwaway_app_start [VAR=value...] starts the app with these settings added, waits for /healthz.
# Sets PG_BIN, WORK, APP_PORT, APP_URL and APP_PID.

throwaway_app_prepare() {
  # PostgreSQL's server binaries for the cluster, Chromium for the driver's browser sessions.
  bash scripts/install-prerequisites.sh --tests
  PG_BIN="${DIGITALBRAIN_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
  WORK="$(mktemp -d "/tmp/digitalbrain-$1.XXXXXX")"
  # The postgres user (the cluster's owner when run as root) must reach the cluster folder inside.
  chmod 755 "$WORK"
  APP_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  APP_URL="http://127.0.0.1:$APP_PORT"
  APP_PID=""
  THROWAWAY_APP_HOOK="${2:-}"
  trap throwaway_app_cleanup EXIT
  if [ "${DIGITALBRAIN_LOAD_NO_BUILD:-}" != 1 ]; then
    dotnet build DigitalBrain.Web -c Release -v q -nologo >/dev/null
    dotnet build DigitalBrain.Load -c Release -v q -nologo >/dev/null
  fi
}

throwaway_app_cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$THROWAWAY_APP_HOOK" ] && "$THROWAWAY_APP_HOOK" || true
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  else "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}

throwaway_app_start() {
  # The app starts its own private cluster in this folder (as the postgres user when run as root).
  export ConnectionStrings__DigitalBrain=""
  export DigitalBrain__LocalDatabaseDir="$WORK/pg"
  export DIGITALBRAIN_PG_BIN="$PG_BIN"
  export ASPNETCORE_ENVIRONMENT=Production
  export DigitalBrain__RateLimits__Api__PermitLimit=1000000
  export DigitalBrain__RateLimits__Login__PermitLimit=1000000
  # env, not export: some setting names (log categories) hold dots, which shell variables cannot.
  env "$@" dotnet DigitalBrain.Web/bin/Release/net10.0/DigitalBrain.Web.dll --urls "$APP_URL" >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 180); do
    curl -fs "$APP_URL/healthz" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "$APP_URL/healthz" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
}

# CPU seconds (user + system) the app has used so far.
throwaway_app_cpu_seconds() { ps -o cputimes= -p "$APP_PID" | xargs; }
