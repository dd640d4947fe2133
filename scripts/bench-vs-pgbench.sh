#!/usr/bin/env bash
# Coffer's transfers against pgbench's TPC-B on the same PostgreSQL instance and settings (fsync and
# synchronous_commit on), side by side in one run; then logins against raw Argon2id and reads against the cheapest
# authenticated endpoint. Prints each figure and the ratios; results also land in target/bench/.
# Every Coffer figure is measured after --warmup-seconds of the same load (WARMUP, default 10; not counted): the
# server's and the load generator's JIT compile their hot code meanwhile, as PostgreSQL and pgbench (C) need not.
# Usage: [WARMUP=10] scripts/bench-vs-pgbench.sh [seconds per run (30)] [runs (3)] [accounts (10000)]
# Needs: JDK 25 (scripts/jdk25.sh finds it; the jar is built when missing), pgbench and psql (Debian: postgresql-client, postgresql-contrib).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-30}"; RUNS="${2:-3}"; ACCOUNTS="${3:-10000}"; WARMUP="${WARMUP:-10}"
source scripts/jdk25.sh   # JAVA: a JDK 25 (the default java here is 17)
PORT=18200; PG_PORT=15432
DATA="$(mktemp -d /tmp/coffer-bench.XXXXXX)"
export COFFER_ADMIN_EMAIL=bench-admin@bench.coffer.dev COFFER_ADMIN_PASSWORD='bench admin passphrase'
export PGPASSWORD=""
command -v pgbench > /dev/null || { echo "pgbench is missing: apt-get install postgresql-contrib" >&2; exit 1; }
[ -f target/coffer.jar ] || ./mvnw -q package -DskipTests

echo "[bench] starting Coffer (embedded PostgreSQL on port $PG_PORT, data in $DATA)"
"$JAVA" -jar target/coffer.jar --server.port=$PORT --coffer.data-dir="$DATA" --coffer.embedded-db.port=$PG_PORT \
    --coffer.identity.logins-per-ip-per-minute=100000000 --coffer.identity.registrations-per-ip-per-minute=100000000 \
    > "$DATA/coffer.log" 2>&1 &
COFFER=$!
trap 'kill $COFFER 2>/dev/null; wait $COFFER 2>/dev/null || true; rm -rf "$DATA"' EXIT
until curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null 2>&1; do
  kill -0 $COFFER 2>/dev/null || { cat "$DATA/coffer.log"; exit 1; }; sleep 0.3
done
echo "[bench] PostgreSQL settings: $(psql -qtA -h localhost -p $PG_PORT -U postgres -c "SELECT string_agg(name || '=' || setting, ', ') FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','shared_buffers','max_connections')")"
psql -q -h localhost -p $PG_PORT -U postgres -c "CREATE DATABASE pgbench" > /dev/null
pgbench -q -i -s 10 -h localhost -p $PG_PORT -U postgres pgbench > /dev/null 2>&1

pgbench_tps() {  # clients
  pgbench -b tpcb-like -c "$1" -j 2 -T "$SECONDS_PER_RUN" -h localhost -p $PG_PORT -U postgres pgbench 2>/dev/null \
    | awk '/^tps = / {print int($3)}'
}
coffer() {  # scenario clients → "throughput p99"
  "$JAVA" -jar target/coffer.jar bench "$1" --url="http://localhost:$PORT" --clients="$2" \
      --seconds="$SECONDS_PER_RUN" --warmup-seconds="$WARMUP" --accounts="$ACCOUNTS" 2>> "$DATA/bench.err" \
    | awk '{gsub(",",""); for (i = 1; i <= NF; i++) { if ($(i+1) == "req/s") t = $i; if ($i == "p99") p = $(i+1) } } END {print t, p}'
}
stats() { sort -n | awk '{a[NR] = $1} END {printf "min %s, median %s", a[1], a[int(NR / 2) + 1]}'; }

for run in $(seq 1 "$RUNS"); do
  p16=$(pgbench_tps 16); p64=$(pgbench_tps 64); read -r t99 tp99 <<< "$(coffer transfers 64)"
  echo "[run $run] pgbench tpcb-like: $p16 TPS (16 clients), $p64 TPS (64 clients); Coffer transfers: $t99 req/s (64 clients, p99 $tp99 ms); ratio to pgbench-64: $(awk "BEGIN {printf \"%.2f\", $t99 / $p64}")"
  echo "$p16" >> "$DATA/p16"; echo "$p64" >> "$DATA/p64"; echo "$t99" >> "$DATA/transfers"
done
read -r logins lp99 <<< "$(coffer logins 16)"
read -r reads rp99 <<< "$(coffer reads 64)"
read -r base bp99 <<< "$(coffer baseline 64)"
argon=$(grep -o 'raw Argon2id on [0-9]* threads: [0-9.]* hashes/s' "$DATA/bench.err" | tail -1 | awk '{print $(NF-1)}')
echo
echo "== summary ($RUNS runs of ${SECONDS_PER_RUN}s, Coffer after ${WARMUP}s of warm-up, $(nproc) cores) =="
echo "pgbench tpcb-like, 16 clients: $(stats < "$DATA/p16") TPS"
echo "pgbench tpcb-like, 64 clients: $(stats < "$DATA/p64") TPS"
echo "Coffer transfers, 64 clients:  $(stats < "$DATA/transfers") req/s"
echo "logins (16 clients): $logins/s, p99 $lp99 ms; raw Argon2id: $argon/s; ratio $(awk "BEGIN {printf \"%.2f\", $logins / $argon}")"
echo "reads (64 clients): $reads req/s, p99 $rp99 ms; baseline /me: $base req/s, p99 $bp99 ms; ratio $(awk "BEGIN {printf \"%.2f\", $reads / $base}")"
