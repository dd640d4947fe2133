#!/usr/bin/env bash
# Live event streams (issue #19): `bench stream` with N users, each with an open GET /api/v1/events/stream, and
# transfers between them; for each N, a closed loop (CLIENTS transfer clients: the most events the node fans out)
# and an open loop at RATE transfers/s (commit → screen latency under a load the node carries with room to spare).
# Prints events/s delivered and commit → screen p50/p99 (201 of the transfer → its transfer.received on the
# receiver's stream, one JVM clock), min / median over the runs.
# Usage: [CLIENTS=32] [RATE=500] [WARMUP=10] scripts/bench-stream.sh [seconds per run (20)] [runs (3)] [stream counts ("10 100 500")]
# Needs: JDK 25 (scripts/jdk25.sh finds it), jq.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-20}"; RUNS="${2:-3}"; COUNTS="${3:-10 100 500}"
CLIENTS="${CLIENTS:-32}"; RATE="${RATE:-500}"; WARMUP="${WARMUP:-10}"
source scripts/bench-lib.sh
start_coffer 18240 15444
echo "[stream] Coffer on $COFFER_URL, $(nproc) cores, work in $WORK"

record() {  # label N → one line, and the figures as TSV in $WORK/stream.tsv
  jq -r --arg name "$1" --arg n "$2" '[$name, $n, .transfersPerSecond, .eventsPerSecond,
      .commitToScreenMillis.p50, .commitToScreenMillis.p99, .sendToScreenMillis.p99, .matchedTransferReceived,
      .acknowledgedTransfers, .missingTransferReceived, .eventBeforeIts201, .streamsReopened, .transferErrors] | @tsv' \
      "$(latest_result stream)" | tee -a "$WORK/stream.tsv" \
  | awk -F'\t' '{printf "  %-6s %4d streams: %7.1f transfers/s, %8.1f events/s; commit→screen p50 %.1f ms, p99 %.1f ms; send→screen p99 %.1f ms; matched %d of %d, missing %d, %d before their 201; streams reopened %d; transfer errors %d\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13}'
}

for run in $(seq 1 "$RUNS"); do
  for n in $COUNTS; do
    echo "[run $run] $n streams, load average $(loadavg)"
    bench stream --streams="$n" --clients="$CLIENTS" --seconds="$SECONDS_PER_RUN" --warmup-seconds="$WARMUP" \
        > /dev/null || true
    record closed "$n"
    bench stream --streams="$n" --clients="$CLIENTS" --rate="$RATE" --seconds="$SECONDS_PER_RUN" \
        --warmup-seconds=2 > /dev/null || true
    record "$RATE/s" "$n"
  done
done

echo
echo "== summary: $RUNS runs of ${SECONDS_PER_RUN} s, $CLIENTS transfer clients, $(nproc) cores (min / median) =="
for n in $COUNTS; do
  for mode in closed "$RATE/s"; do
    col() { awk -F'\t' -v m="$mode" -v n="$n" -v f="$1" '$1 == m && $2 == n {print $f}' "$WORK/stream.tsv" | stats; }
    echo "$n streams, $mode: $(col 3) transfers/s; $(col 4) events/s; commit→screen p50 $(col 5) ms, p99 $(col 6) ms; missing $(col 10)"
  done
done
