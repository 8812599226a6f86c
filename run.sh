#!/usr/bin/env bash
# Runs DigitalBrain on http://127.0.0.1:5000. Without ConnectionStrings__DigitalBrain it starts a
# private PostgreSQL cluster under .data/ (kept between starts, stopped with the app on Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh
dotnet tool restore >/dev/null
exec dotnet run --project DigitalBrain.Web -c Release --no-launch-profile -- --urls "${DIGITALBRAIN_URLS:-http://127.0.0.1:5000}" "$@"
