#!/usr/bin/env bash
# Where the CPU of each benchmarked operation goes (issue #23: "every figure that misses its goal says exactly what
# holds it back, with a profile"). Starts Coffer (embedded PostgreSQL), sets up accounts and warms it up with the
# Java bench, then profiles one phase per operation: GET /api/v1/me, single transfers and the first history page
# driven by wrk (a few % of the CPU, so the server gets the cores), bulk transfers (100 per request) and logins driven
# by the Java bench. For each phase, over the same window of PHASE_SECONDS:
#   - the rate, and CPU per operation in µs of the server JVM, its PostgreSQL (postmaster and every backend) and
#     the load generator, from /proc/<pid>/stat; their sum against the two cores shows who had the machine;
#   - what PostgreSQL did per operation (commits, rows read, inserted, updated, deleted; pg_stat_database);
#   - a JFR recording of the server (execution samples and JDK 25's CPU-time samples), broken down by
#     scripts/JfrBreakdown.java into self time by library, inclusive time by stage and the hottest methods.
# The recordings stay in OUT (default /tmp/coffer-profile) for `jfr view hot-methods` and JDK Mission Control.
# Usage: [PHASE_SECONDS=20] [WARMUP=20] [PHASES="me transfers history bulk logins"] [OUT=/tmp/coffer-profile] scripts/bench-profile.sh
# Needs: JDK 25, wrk, jq, psql.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PHASE="${PHASE_SECONDS:-20}"; WARMUP="${WARMUP:-20}"; PHASES="${PHASES:-me transfers history bulk logins}"
OUT="${OUT:-/tmp/coffer-profile}"; PG_PORT=15447
mkdir -p "$OUT"
source scripts/bench-lib.sh
JCMD="$(dirname "$JAVA")/jcmd"
start_coffer 18270 $PG_PORT
echo "[profile] Coffer on $COFFER_URL (pid $COFFER_PID), $(nproc) cores, load average $(loadavg); recordings in $OUT"
bench transfers --clients=64 --seconds=10 --warmup-seconds="$WARMUP" --accounts=10000 \
    --accounts-out="$WORK/accounts.txt" > /dev/null
echo "[profile] set up 10,000 accounts and warmed up for ${WARMUP} s + 10 s"

ticks() {  # pids… → their user + system CPU in clock ticks (0 for a pid that is gone)
  local sum=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null || echo 0) ))
  done
  echo "$sum"
}
db_counters() {  # the database's cumulative counters (pg_stat_database), space-separated
  psql -qtA -h localhost -p $PG_PORT -U postgres -d postgres -F ' ' -c "SELECT xact_commit, tup_returned + tup_fetched,
      tup_inserted, tup_updated, tup_deleted, blks_read FROM pg_stat_database WHERE datname = current_database()"
}
postgres_pids() {  # the embedded PostgreSQL's postmaster and its children
  local postmaster
  postmaster=$(pgrep -f -- "-p $PG_PORT" | head -1)
  echo "$postmaster $(pgrep -P "$postmaster" | tr '\n' ' ')"
}

# profile <label> <ops-per-second-extractor> <generator command…>: runs the generator in the background; for the Java
# bench (PROFILE_DELAY set) waits for its set-up and PROFILE_DELAY seconds of its warm-up; then measures
# SECONDS_PER_PHASE.
profile() {
  local label=$1 extract=$2; shift 2
  ( exec "$@" ) > "$WORK/$label.out" 2> "$WORK/$label.err" &
  local generator=$!
  if [ -n "${PROFILE_DELAY:-}" ]; then  # the Java bench: its set-up first, then its warm-up
    until grep -q 'warming up' "$WORK/$label.err" 2> /dev/null; do sleep 0.5; done
    sleep "$PROFILE_DELAY"
  fi
  local pg hz=$(getconf CLK_TCK)
  pg=$(postgres_pids)
  "$JCMD" "$COFFER_PID" JFR.start name="$label" settings=profile "jdk.CPUTimeSample#enabled=true" \
      "jdk.CPUTimeSample#throttle=2ms" filename="$OUT/$label.jfr" > /dev/null
  local s0 p0 g0 s1 p1 g1 db0 db1
  s0=$(ticks "$COFFER_PID"); p0=$(ticks $pg); g0=$(ticks "$generator"); db0=$(db_counters)
  sleep "$SECONDS_PER_PHASE"
  s1=$(ticks "$COFFER_PID"); p1=$(ticks $pg); g1=$(ticks "$generator"); db1=$(db_counters)
  "$JCMD" "$COFFER_PID" JFR.stop name="$label" > /dev/null
  wait "$generator" || true
  local rate
  rate=$($extract "$WORK/$label.out")
  awk -v l="$label" -v r="$rate" -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v g=$((g1 - g0)) -v hz="$hz" \
      -v t="$SECONDS_PER_PHASE" 'BEGIN {
        ops = r * t; us = 1e6 / hz
        printf "[%s] %.1f/s; CPU per operation: server %.0f µs, PostgreSQL %.0f µs, load generator %.0f µs; cores used: server %.2f, PostgreSQL %.2f, generator %.2f (of 2)\n",
          l, r, s * us / ops, p * us / ops, g * us / ops, s / hz / t, p / hz / t, g / hz / t }'
  paste <(tr ' ' '\n' <<< "$db0") <(tr ' ' '\n' <<< "$db1") | awk -v l="$label" -v r="$rate" \
      -v t="$SECONDS_PER_PHASE" 'BEGIN {split("commits rows-read rows-inserted rows-updated rows-deleted blocks-read-from-disk", names, " ")}
      { d[NR] = ($2 - $1) / (r * t) }
      END { printf "[%s] PostgreSQL per operation:", l; for (i = 1; i <= 6; i++) printf " %s %.2f", names[i], d[i]; print "" }'
  "$JAVA" scripts/JfrBreakdown.java "$OUT/$label.jfr" 12 | sed "s/^/  [$label] /"
}

wrk_rate() { grep -o '^wrk [a-z]*: [0-9.]*' "$1" | awk '{print $3}'; }
bench_rate() { awk '{gsub(",",""); for (i = 1; i <= NF; i++) if ($(i+1) == "req/s") print $i}' "$1" | head -1; }
wrk_get() {  # path template → a wrk command line for it
  echo env ACCOUNTS_FILE="$WORK/accounts.txt" PATH_TEMPLATE="$1" wrk -t2 -c64 -d"$((SECONDS_PER_PHASE + 2))s" \
      --timeout 30s -s scripts/wrk-get.lua "$COFFER_URL"
}
bench_cmd() { echo "$JAVA" -jar "$WORK/coffer.jar" bench "$1" --url="$COFFER_URL" --out="$WORK/bench" "${@:2}"; }

for phase in $PHASES; do
  case $phase in
    me) profile me wrk_rate $(wrk_get /api/v1/me) ;;
    history) profile history wrk_rate $(wrk_get '/api/v1/accounts/{id}/transactions?limit=20') ;;
    transfers)
      profile transfers wrk_rate env ACCOUNTS_FILE="$WORK/accounts.txt" wrk -t2 -c64 -d"$((SECONDS_PER_PHASE + 2))s" \
          --timeout 30s -s scripts/wrk-transfers.lua "$COFFER_URL" ;;
    bulk)
      PROFILE_DELAY=8 profile bulk bench_rate $(bench_cmd transfers --clients=16 --batch=100 --accounts=2000 \
          --warmup-seconds=8 --seconds="$((SECONDS_PER_PHASE + 2))")
      echo "  [bulk] the rate above is requests/s; transfers/s = 100 × that" ;;
    logins)
      PROFILE_DELAY=8 profile logins bench_rate $(bench_cmd logins --clients=16 --warmup-seconds=8 \
          --seconds="$((SECONDS_PER_PHASE + 2))") ;;
    *) echo "unknown phase $phase (me transfers history bulk logins)" >&2; exit 2 ;;
  esac
done
