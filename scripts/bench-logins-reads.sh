#!/usr/bin/env bash
# Logins against raw Argon2id, and reads against the cheapest authenticated endpoint, RUNS times on one warm
# Coffer (issue #23 item 5 and the reads goal since #7): each run measures `bench logins` (16 clients; its anchor,
# raw Argon2id with the same parameters on every core, is measured by the bench JVM in the same run just before),
# then `bench reads` (account + first history page) and `bench baseline` (GET /api/v1/me) at CLIENTS clients, and
# prints each run's ratios and min / median over the runs.
# Usage: [CLIENTS=64] [WARMUP=10] scripts/bench-logins-reads.sh [seconds per run (20)] [runs (3)]
# Needs: JDK 25 (scripts/jdk25.sh finds it), jq.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-20}"; RUNS="${2:-3}"; CLIENTS="${CLIENTS:-64}"; WARMUP="${WARMUP:-10}"
source scripts/bench-lib.sh
start_coffer 18260 15446
echo "[logins-reads] Coffer on $COFFER_URL, $(nproc) cores, work in $WORK"
measure() {  # scenario clients → "throughput p99"
  bench "$1" --clients="$2" --seconds="$SECONDS_PER_RUN" --warmup-seconds="$WARMUP" --accounts=2000 \
    | awk '{gsub(",",""); for (i = 1; i <= NF; i++) { if ($(i+1) == "req/s") t = $i; if ($i == "p99") p = $(i+1) } } END {print t, p}'
}
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
for run in $(seq 1 "$RUNS"); do
  echo "[run $run] load average $(loadavg)"
  read -r logins lp99 <<< "$(measure logins 16)"
  argon=$(grep -o 'raw Argon2id on [0-9]* threads: [0-9.]* hashes/s' "$WORK/bench.err" | tail -1 | awk '{print $(NF-1)}')
  read -r reads rp99 <<< "$(measure reads "$CLIENTS")"
  read -r me mp99 <<< "$(measure baseline "$CLIENTS")"
  echo "[run $run] logins $logins/s (p99 $lp99 ms), raw Argon2id $argon hashes/s: ratio $(ratio "$logins" "$argon")"
  echo "[run $run] reads $reads req/s (p99 $rp99 ms), /me $me req/s (p99 $mp99 ms): ratio $(ratio "$reads" "$me")"
  ratio "$logins" "$argon" >> "$WORK/login-ratio"; echo >> "$WORK/login-ratio"
  ratio "$reads" "$me" >> "$WORK/read-ratio"; echo >> "$WORK/read-ratio"
  echo "$logins" >> "$WORK/logins"; echo "$argon" >> "$WORK/argon"; echo "$reads" >> "$WORK/reads"; echo "$me" >> "$WORK/me"
done
echo
echo "== summary: $RUNS runs of ${SECONDS_PER_RUN} s after ${WARMUP} s of warm-up, $(nproc) cores (min / median) =="
echo "logins (16 clients): $(stats < "$WORK/logins")/s; raw Argon2id: $(stats < "$WORK/argon") hashes/s; ratio $(grep . "$WORK/login-ratio" | stats)"
echo "reads ($CLIENTS clients): $(stats < "$WORK/reads") req/s; /me: $(stats < "$WORK/me") req/s; ratio $(grep . "$WORK/read-ratio" | stats)"
