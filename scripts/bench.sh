#!/usr/bin/env bash
# The engine benchmark README quotes: the microcircuit at 10 % scale (3 seeds) and, with --full,
# at full scale (one seed, ~3 GB of memory). Prints build time, real-time factor, peak RSS,
# bytes per synapse and rates against NEST's reference rates.
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${THREADS:-2}"
dotnet build DigitalBrain.Cli -c Release -v q -nologo >/dev/null
cli=DigitalBrain.Cli/bin/Release/net10.0/digitalbrain
"$cli" bench --scale 0.1 --threads "$threads" --seeds 3
if [[ "${1:-}" == "--full" ]]; then
  "$cli" bench --scale 1 --threads "$threads" --seeds 1
fi
