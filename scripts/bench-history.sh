#!/usr/bin/env bash
# History pages at a million entries (issue #23 item 1): `bench history` against one account of 10^3 and one of
# 10^6 entries, each run setting up its own account (entries written straight into the server's embedded database,
# the bench's benchmark-only shortcut; ~1.5 min for a million), then measuring GET /api/v1/me (the anchor), the
# first page, a page 1,000 pages back and a date-filtered page: closed loop at 64 clients (req/s), then open loop at
# half of each one's saturation (latency). Runs alternate the two sizes; prints min / median over the runs.
# Usage: [CLIENTS=64] [WARMUP=10] scripts/bench-history.sh [seconds per phase (15)] [runs (3)] [sizes ("1000 1000000")]
# Needs: JDK 25 (scripts/jdk25.sh finds it), jq. Takes ~8 min per run with both sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PHASE="${1:-15}"; RUNS="${2:-3}"; SIZES="${3:-1000 1000000}"
CLIENTS="${CLIENTS:-64}"; WARMUP="${WARMUP:-10}"
source scripts/bench-lib.sh
start_coffer 18220 15442
echo "[history] Coffer on $COFFER_URL, embedded PostgreSQL at $COFFER_DB_JDBC, $(nproc) cores; work in $WORK"

for run in $(seq 1 "$RUNS"); do
  for size in $SIZES; do
    echo "[run $run] $size entries, load average $(loadavg)"
    bench history --entries="$size" --db-url="$COFFER_DB_JDBC" --db-user=postgres --clients="$CLIENTS" \
        --seconds="$SECONDS_PER_PHASE" --warmup-seconds="$WARMUP" | sed 's/^/  /'
    jq -r --arg run "$run" --arg size "$size" '.kinds[] | [$size, .kind, $run, .closedLoopPerSecond,
        (.ratioToMe // 1), .closedLoopLatencyMillis.p99, .openLoopPerSecond, .openLoopLatencyMillis.p50,
        .openLoopLatencyMillis.p99] | @tsv' "$(latest_result history)" >> "$WORK/history.tsv"
    echo "  load average after: $(loadavg)"
  done
done

column() {  # size kind field-number → the values of that field over the runs
  awk -F'\t' -v s="$1" -v k="$2" -v f="$3" '$1 == s && $2 == k {print $f}' "$WORK/history.tsv"
}
echo
echo "== summary: $RUNS runs, ${SECONDS_PER_PHASE} s per phase, $CLIENTS clients, $(nproc) cores (min / median) =="
for size in $SIZES; do
  echo "-- $size entries"
  for kind in me first deep date; do
    printf '%-6s closed loop: %s req/s (ratio to /me %s; p99 %s ms) | open loop at half: %s req/s, p50 %s ms, p99 %s ms\n' \
        "$kind" "$(column "$size" $kind 4 | stats)" "$(column "$size" $kind 5 | stats)" \
        "$(column "$size" $kind 6 | stats)" "$(column "$size" $kind 7 | stats)" "$(column "$size" $kind 8 | stats)" \
        "$(column "$size" $kind 9 | stats)"
  done
done
