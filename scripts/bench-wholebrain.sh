#!/usr/bin/env bash
# Weak-scaling benchmark of builtin:wholebrain (fixed in-degree 1,500): each scale in a fresh process;
# prints the table, writes OUT/wholebrain-scaling.csv and .json, and plots cost against size to
# OUT/wholebrain-scaling.png; OUT defaults to bench-results/wholebrain, git-ignored (Debian's python3-matplotlib, run by /usr/bin/python3).
# Usage: scripts/bench-wholebrain.sh [SCALES] [OUT]   e.g. scripts/bench-wholebrain.sh 0.1,0.25,0.5
# Memory: about 14 GB per unit of scale (the full model needs ~14 GB); THREADS, T_SIM, T_PRESIM override.
set -euo pipefail
cd "$(dirname "$0")/.."
scales="${1:-0.1,0.25,0.5,1}"
out="${2:-bench-results/wholebrain}"
dotnet build DigitalBrain.Cli -c Release -v q -nologo >/dev/null
DigitalBrain.Cli/bin/Release/net10.0/digitalbrain bench-wholebrain --scales "$scales" --threads "${THREADS:-2}" \
  --t-presim "${T_PRESIM:-100}" --t-sim "${T_SIM:-200}" --out "$out"

/usr/bin/python3 - "$out" <<'PY'
import csv, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1]
rows = list(csv.DictReader(open(f"{out}/wholebrain-scaling.csv")))
n = [float(r["neurons"]) / 1e6 for r in rows]
def col(name): return [float(r[name]) if r[name] else float("nan") for r in rows]
fig, axes = plt.subplots(1, 3, figsize=(11, 3.4))
axes[0].plot(n, col("build_cpu_s"), "o-", label="CPU s (all threads)")
axes[0].plot(n, col("build_s"), "s--", label="wall s")
axes[0].set_title("build")
axes[1].plot(n, col("rtf_cpu"), "o-", label="CPU s per model s")
axes[1].plot(n, col("rtf"), "s--", label="wall RTF")
axes[1].set_title("simulation")
axes[2].plot(n, col("peak_gb"), "o-", label="peak RSS")
axes[2].set_title("memory (GB)")
for ax in axes:
    ax.set_xlabel("neurons (millions; in-degree 1,500)")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
fig.suptitle("builtin:wholebrain weak scaling, CPU backend", fontsize=10)
fig.tight_layout()
fig.savefig(f"{out}/wholebrain-scaling.png", dpi=80)
print(f"plot written to {out}/wholebrain-scaling.png", file=sys.stderr)
PY
