#!/usr/bin/env bash
# The import benchmark README quotes: a 10,000-row entries CSV imported over the REST API into a
# fresh model, on a throwaway PostgreSQL cluster and the Release web app. Prints the wall time of
# the dry run and of the commit, and the CPU seconds (user + system) the web process and the
# PostgreSQL server spent on each, which other processes on a shared machine do not inflate.
#   scripts/bench-import.sh [ROWS]          (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-10000}"
pg_bin="${DIGITALBRAIN_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"

dotnet build DigitalBrain.Web -c Release -v q -nologo >/dev/null
web_dll="$PWD/DigitalBrain.Web/bin/Release/net10.0/DigitalBrain.Web.dll"

tmp=$(mktemp -d /tmp/digitalbrain-bench-import.XXXXXX)
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  chown postgres:postgres "$tmp"
  as_pg=(runuser -u postgres --)
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
web_port=$(free_port)
web_pid=""
cleanup() {
  [[ -n "$web_pid" ]] && kill "$web_pid" 2>/dev/null && wait "$web_pid" 2>/dev/null
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$tmp/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The same server settings as the app's and the tests' private clusters (fsync off).
"${as_pg[@]}" "$pg_bin/initdb" -D "$tmp/pg" -U postgres -E UTF8 --locale=C --auth=trust >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg.log" -w \
  -o "-p $pg_port -k $tmp -c listen_addresses='' -c fsync=off -c max_connections=300 -c shared_buffers=128MB" start >/dev/null
psql() { command psql -h "$tmp" -p "$pg_port" -U postgres -d "${db:-postgres}" -qAtX "$@"; }
psql -c "CREATE DATABASE digitalbrain"

admin_email=bench.admin@example.org
ConnectionStrings__DigitalBrain="Host=$tmp;Port=$pg_port;Database=digitalbrain;Username=postgres" \
DigitalBrain__Role=web DigitalBrain__Admin__Email=$admin_email DigitalBrain__Admin__Password="bench admin passphrase" \
ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 \
  dotnet "$web_dll" --urls "http://127.0.0.1:$web_port" >"$tmp/web.log" 2>&1 &
web_pid=$!
base="http://127.0.0.1:$web_port"
for _ in $(seq 1 300); do
  curl -fs "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$web_pid" 2>/dev/null || { cat "$tmp/web.log"; exit 1; }
  sleep 0.5
done

# A personal API token for the seeded admin, written as ApiTokenService stores one (SHA-256 of the text).
db=digitalbrain
admin_id=$(db=digitalbrain psql -c "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" = upper('$admin_email')")
token="db_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
hash=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
db=digitalbrain psql -c "INSERT INTO \"ApiTokens\" (\"Id\", \"UserId\", \"Name\", \"Prefix\", \"Hash\", \"CreatedAt\")
  VALUES (gen_random_uuid(), '$admin_id', 'bench', '${token:0:11}', decode('$hash', 'hex'), now())"

api() { # METHOD PATH [JSON] -> body on stdout; fails on an HTTP error
  curl -fsS -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+-d "$3"} "$base/api/v1$2"
}
model=$(api POST /models '{"name":"Import benchmark","isPublic":false}' | jq -r .id)
region=$(api POST "/models/$model/regions" '{"category":"Ctx","name":"S1"}' | jq -r .id)
layer=$(api POST "/models/$model/regions/$region/layers" '{"name":"L2/3"}' | jq -r .id)
e=$(api POST "/models/$model/populations" "{\"regionId\":\"$region\",\"layerId\":\"$layer\",\"name\":\"L23E\",\"cellType\":\"pyramidal\",\"neuronModel\":\"iaf_psc_exp\"}" | jq -r .id)
i=$(api POST "/models/$model/populations" "{\"regionId\":\"$region\",\"layerId\":\"$layer\",\"name\":\"L23I\",\"cellType\":\"basket\",\"neuronModel\":\"iaf_psc_exp\"}" | jq -r .id)
api POST "/models/$model/projections" "{\"sourcePopulationId\":\"$e\",\"targetPopulationId\":\"$i\",\"receptor\":\"excitatory\"}" >/dev/null

# The rows of the API import test: three (target, parameter) pairs, 50 DOIs, every tenth row in a second unit.
python3 - "$rows" >"$tmp/entries.csv" <<'PY'
import sys
rows = int(sys.argv[1])
out = ["target,parameter,value,unit,sd,n,doi,citation,set_as,notes"]
for i in range(rows):
    target, key, value, unit = [("L23E", "tau_m", 5 + i * 0.001, "ms"), ("L23I", "c_m", 100 + i * 0.01, "pF"),
                                ("L23E->L23I", "synaptic_weight", 20 + i * 0.001, "pA")][i % 3]
    if i % 10 == 0 and unit == "ms": value, unit = value / 1000, "s"
    if i % 10 == 0 and unit == "pA": value, unit = value / 1000, "nA"
    out.append(f'{target},{key},{value!r},{unit},,3,10.5555/imp.{i % 50},,fixed,"row {i}, generated"')
print("\r\n".join(out), end="\r\n")
PY

ticks=$(getconf CLK_TCK)
cpu_of() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_cpu() { # the postmaster, its reaped children, and the children alive now
  local master total=0 child
  master=$(head -1 "$tmp/pg/postmaster.pid")
  total=$(cpu_of "$master")
  for child in $(pgrep -P "$master"); do total=$((total + $(cpu_of "$child"))); done
  echo "$total"
}
measure() { # LABEL DRYRUN
  local w0 p0 t0 t1 w1 p1 body
  w0=$(cpu_of "$web_pid"); p0=$(pg_cpu); t0=$(date +%s.%N)
  body=$(curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary @"$tmp/entries.csv" \
    "$base/api/v1/models/$model/entries/import?dryRun=$2")
  t1=$(date +%s.%N); w1=$(cpu_of "$web_pid"); p1=$(pg_cpu)
  awk -v l="$1" -v t0="$t0" -v t1="$t1" -v w="$((w1 - w0))" -v p="$((p1 - p0))" -v hz="$ticks" \
    'BEGIN { printf "%-22s wall %6.2f s   CPU web %6.2f s   CPU postgres %6.2f s\n", l, t1 - t0, w / hz, p / hz }'
  echo "$body" >"$tmp/last.json"
}

echo "import of $rows rows, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
measure "dry run (warm-up)" true
measure "dry run" true
[[ $(jq '.toCreate | length' "$tmp/last.json") -eq $rows ]] || { echo "dry run did not plan $rows rows"; exit 1; }
measure "commit" false
created=$(jq '.createdIds | length' "$tmp/last.json")
total=$(api GET "/models/$model/entries?pageSize=1" | jq .total)
echo "created $created entries; the model holds $total"
[[ "$created" -eq "$rows" && "$total" -eq "$rows" ]]
