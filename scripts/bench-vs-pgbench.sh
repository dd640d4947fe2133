#!/usr/bin/env bash
# Coffer's transfers against pgbench's TPC-B on the same PostgreSQL instance and settings (fsync and
# synchronous_commit on), side by side in each run: pgbench at 1, 16 and 64 clients (scale 10) and Coffer compared
# with the BEST of the three, Coffer's transfers driven twice, by the jar's Java bench and by wrk (C, scripts/wrk-
# transfers.lua, on the accounts the Java bench set up), the ledger verified after each; then logins against raw
# Argon2id and reads against the cheapest authenticated endpoint; and bulk transfers (POST /api/v1/transfers/batch,
# BATCH transfers per request from BATCH_CLIENTS clients) as transfers/s against the best pgbench. Prints each figure
# and the ratios.
# Every Coffer figure is measured after warm-up: the Java run's --warmup-seconds (WARMUP, default 20; not counted)
# let the server's and the load generator's JIT compile their hot code, as PostgreSQL and pgbench (C) need not; wrk
# follows on the warm server.
# Usage: [WARMUP=20] [CLIENTS=64] [BATCH=100] [BATCH_CLIENTS=16] scripts/bench-vs-pgbench.sh [seconds per run (30)] [runs (3)] [accounts (10000)]
# Needs: JDK 25 (scripts/jdk25.sh finds it; the jar is built when missing), pgbench and psql (Debian:
# postgresql-client, postgresql-contrib), wrk, jq.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-30}"; RUNS="${2:-3}"; ACCOUNTS="${3:-10000}"; WARMUP="${WARMUP:-20}"; CLIENTS="${CLIENTS:-64}"
BATCH="${BATCH:-100}"; BATCH_CLIENTS="${BATCH_CLIENTS:-16}"
PG_PORT=15432
export PGPASSWORD=""
for tool in pgbench psql wrk; do
  command -v $tool > /dev/null || { echo "$tool is missing: apt-get install postgresql-contrib wrk" >&2; exit 1; }
done
source scripts/bench-lib.sh
echo "[bench] starting Coffer (embedded PostgreSQL on port $PG_PORT, work in $WORK)"
start_coffer 18200 $PG_PORT
echo "[bench] PostgreSQL settings: $(psql -qtA -h localhost -p $PG_PORT -U postgres -c "SELECT string_agg(name || '=' || setting, ', ') FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','shared_buffers','max_connections')")"
psql -q -h localhost -p $PG_PORT -U postgres -c "CREATE DATABASE pgbench" > /dev/null
pgbench -q -i -s 10 -h localhost -p $PG_PORT -U postgres pgbench > /dev/null 2>&1

pgbench_tps() {  # clients → TPS (one thread per client up to two: the machine's cores)
  local threads=$(( $1 < 2 ? $1 : 2 ))
  pgbench -b tpcb-like -c "$1" -j $threads -T "$SECONDS_PER_RUN" -h localhost -p $PG_PORT -U postgres pgbench \
      2>/dev/null | awk '/^tps = / {print int($3)}'
}
coffer() {  # scenario clients [options…] → "throughput p99"
  bench "$1" --clients="$2" --seconds="$SECONDS_PER_RUN" --accounts="$ACCOUNTS" "${@:3}" \
    | awk '{gsub(",",""); for (i = 1; i <= NF; i++) { if ($(i+1) == "req/s") t = $i; if ($i == "p99") p = $(i+1) } } END {print t, p}'
}
verified() {  # → "ok" when the ledger verifier finds the books balanced
  curl -sf "$COFFER_URL/api/v1/admin/ledger/verification" -H "Authorization: Bearer $(admin_token)" \
      | jq -r 'if .ok then "ok" else "FAILED: " + (.problems | join("; ")) end'
}
max() { printf '%s\n' "$@" | sort -n | tail -1; }
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }

for run in $(seq 1 "$RUNS"); do
  echo "[run $run] load average $(loadavg)"
  p1=$(pgbench_tps 1); p16=$(pgbench_tps 16); p64=$(pgbench_tps 64); best=$(max "$p1" "$p16" "$p64")
  echo "[run $run] pgbench tpcb-like: $p1 TPS (1 client), $p16 (16), $p64 (64): best $best"
  read -r java jp99 <<< "$(coffer transfers "$CLIENTS" --warmup-seconds="$WARMUP" --accounts-out="$WORK/accounts.txt")"
  echo "[run $run] Coffer transfers, Java bench: $java req/s ($CLIENTS clients, p99 $jp99 ms, after ${WARMUP} s of warm-up; ledger verified: $(jq -r .ledgerVerified "$(latest_result transfers)")), ratio to the best pgbench $(ratio "$java" "$best")"
  ACCOUNTS_FILE="$WORK/accounts.txt" wrk -t2 -c"$CLIENTS" -d"${SECONDS_PER_RUN}s" --timeout 30s --latency \
      -s scripts/wrk-transfers.lua "$COFFER_URL" > "$WORK/wrk.out" 2>> "$WORK/bench.err"
  line=$(grep '^wrk transfers:' "$WORK/wrk.out")
  wrk_rate=$(awk '{print $3}' <<< "$line"); wp99=$(grep -o 'p99 [0-9.]* ms' <<< "$line" | awk '{print $2}')
  echo "[run $run] Coffer transfers, wrk: ${line#wrk transfers: }; ledger after wrk: $(verified); ratio to the best pgbench $(ratio "$wrk_rate" "$best")"
  echo "$p1" >> "$WORK/p1"; echo "$p16" >> "$WORK/p16"; echo "$p64" >> "$WORK/p64"; echo "$best" >> "$WORK/best"
  echo "$java" >> "$WORK/java"; echo "$wrk_rate" >> "$WORK/wrk"
  echo "$(ratio "$java" "$best")" >> "$WORK/java-ratio"; echo "$(ratio "$wrk_rate" "$best")" >> "$WORK/wrk-ratio"
  echo "$jp99" >> "$WORK/java-p99"; echo "$wp99" >> "$WORK/wrk-p99"
  read -r bulk_req bulk_p99 <<< "$(coffer transfers "$BATCH_CLIENTS" --batch="$BATCH" --warmup-seconds=5)"
  bulk=$(awk "BEGIN {printf \"%d\", $bulk_req * $BATCH}")
  echo "[run $run] Coffer bulk transfers, $BATCH per request, $BATCH_CLIENTS clients: $bulk transfers/s ($bulk_req req/s, p99 $bulk_p99 ms; ledger verified: $(jq -r .ledgerVerified "$(latest_result transfers)")), ratio to the best pgbench $(ratio "$bulk" "$best")"
  echo "$bulk" >> "$WORK/bulk"; echo "$(ratio "$bulk" "$best")" >> "$WORK/bulk-ratio"; echo "$bulk_p99" >> "$WORK/bulk-p99"
done
read -r logins lp99 <<< "$(coffer logins 16 --warmup-seconds=10)"
read -r reads rp99 <<< "$(coffer reads "$CLIENTS" --warmup-seconds=10)"
read -r base bp99 <<< "$(coffer baseline "$CLIENTS" --warmup-seconds=10)"
argon=$(grep -o 'raw Argon2id on [0-9]* threads: [0-9.]* hashes/s' "$WORK/bench.err" | tail -1 | awk '{print $(NF-1)}')
echo
echo "== summary ($RUNS runs of ${SECONDS_PER_RUN}s, Coffer after ${WARMUP}s of warm-up, $(nproc) cores, load average now $(loadavg)) =="
echo "pgbench tpcb-like,  1 client:  $(stats < "$WORK/p1") TPS"
echo "pgbench tpcb-like, 16 clients: $(stats < "$WORK/p16") TPS"
echo "pgbench tpcb-like, 64 clients: $(stats < "$WORK/p64") TPS"
echo "pgbench, best of the three:    $(stats < "$WORK/best") TPS"
echo "Coffer transfers, Java bench, $CLIENTS clients: $(stats < "$WORK/java") req/s, p99 $(stats < "$WORK/java-p99") ms; ratio to the best pgbench $(stats < "$WORK/java-ratio")"
echo "Coffer transfers, wrk, $CLIENTS connections:    $(stats < "$WORK/wrk") created/s, p99 $(stats < "$WORK/wrk-p99") ms; ratio to the best pgbench $(stats < "$WORK/wrk-ratio")"
echo "Coffer bulk transfers, $BATCH per request, $BATCH_CLIENTS clients: $(stats < "$WORK/bulk") transfers/s, request p99 $(stats < "$WORK/bulk-p99") ms; ratio to the best pgbench $(stats < "$WORK/bulk-ratio")"
echo "logins (16 clients): $logins/s, p99 $lp99 ms; raw Argon2id: $argon/s; ratio $(ratio "$logins" "$argon")"
echo "reads ($CLIENTS clients): $reads req/s, p99 $rp99 ms; baseline /me: $base req/s, p99 $bp99 ms; ratio $(ratio "$reads" "$base")"
