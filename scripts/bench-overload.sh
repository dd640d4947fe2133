#!/usr/bin/env bash
# Overload (issue #23 item 4): how Coffer answers more transfers than it can take. Each run measures the saturation
# (closed loop, 64 clients: the most it completes), then offers 2x and 4x that rate on a fixed schedule (open loop,
# latency counted from when each request was due) from up to OPEN_CLIENTS clients in flight, and records per run:
# admitted throughput (201 + intended 422), shed requests (503 with Retry-After) and how fast they were answered,
# the p99 of admitted requests, other errors, and the server's heap and live threads from /actuator/prometheus
# before, at the peak and after, and the TCP connections the server accepted per second (/proc/net/snmp
# PassiveOpens: Tomcat closes the connection after every 503, so each shed request costs the client a new one). A
# server that sheds answers the excess at once and keeps the admitted p99 low; one that queues lets every request
# wait.
# Usage: [OPEN_CLIENTS=1000] [WARMUP=20] [MULTIPLIERS="2 4"] scripts/bench-overload.sh [seconds per run (20)] [runs (3)] [accounts (2000)]
# Needs: JDK 25 (scripts/jdk25.sh finds it), jq.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-20}"; RUNS="${2:-3}"; ACCOUNTS="${3:-2000}"
OPEN_CLIENTS="${OPEN_CLIENTS:-1000}"; WARMUP="${WARMUP:-20}"; MULTIPLIERS="${MULTIPLIERS:-2 4}"
source scripts/bench-lib.sh
start_coffer 18230 15443
echo "[overload] Coffer on $COFFER_URL, $(nproc) cores, $ACCOUNTS accounts per run, work in $WORK"

passive_opens() { awk '/^Tcp:/ && ++n == 2 {print $7}' /proc/net/snmp; }  # TCP connections accepted so far
accepted_per_second() {  # opens before, opens after, JSON → accepted connections per measured second
  awk -v a="$1" -v b="$2" -v s="$(jq -r '.seconds' "$3")" 'BEGIN {printf "%.0f", (b - a) / s}'
}

row() {  # label offered-rate JSON [connections/s] → one table row (and the same as TSV in $WORK/overload.tsv)
  jq -r --arg name "$1" --arg offered "$2" '
    def mb: if . == null then "?" else (. / 1048576 | floor | tostring) end;
    def n: if . == null then "?" else (. | floor | tostring) end;
    [$name, $offered, .throughputPerSecond, .ok, .shed, .errors, .admittedLatencyMillis.p50,
     .admittedLatencyMillis.p99, .shedLatencyMillis.p50, .shedLatencyMillis.p99,
     (.server.before.heapUsedBytes | mb) + " → " + (.server.peak.heapUsedBytes | mb) + " → " + (.server.after.heapUsedBytes | mb),
     (.server.before.liveThreads | n) + " → " + (.server.peak.liveThreads | n) + " → " + (.server.after.liveThreads | n),
     (.server.peak.ledgerQueueDepth | n), (.server.peak.connectionsPending | n), $conns] | @tsv' \
      --arg conns "${4:-?}" "$3" | tee -a "$WORK/overload.tsv" \
  | awk -F'\t' '{printf "  %-10s offered %8s/s: admitted %8.1f/s (ok %d), shed %d, errors %d; admitted p50 %.1f ms p99 %.1f ms; shed answered p50 %.1f ms p99 %.1f ms; heap MB %s; threads %s; ledger queue peak %s; waiting for a connection peak %s; new TCP connections %s/s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15}'
}

for run in $(seq 1 "$RUNS"); do
  echo "[run $run] load average $(loadavg)"
  warmup=$([ "$run" = 1 ] && echo "$WARMUP" || echo 5)
  opens=$(passive_opens)
  bench transfers --clients=64 --seconds="$SECONDS_PER_RUN" --warmup-seconds="$warmup" --accounts="$ACCOUNTS" \
      --watch-server=true > /dev/null || true
  saturation=$(jq -r .throughputPerSecond "$(latest_result transfers)")
  row saturation "closed-64" "$(latest_result transfers)" "(warm-up incl.) $(accepted_per_second "$opens" "$(passive_opens)" "$(latest_result transfers)")"
  for m in $MULTIPLIERS; do
    rate=$(awk "BEGIN {printf \"%d\", $saturation * $m}")
    # No warm-up: the server is warm, and a warm-up at this rate would only start the measurement on a backlog.
    opens=$(passive_opens)
    bench transfers --clients="$OPEN_CLIENTS" --rate="$rate" --seconds="$SECONDS_PER_RUN" --accounts="$ACCOUNTS" \
        --watch-server=true > /dev/null || true
    row "${m}x" "$rate" "$(latest_result transfers)" "$(accepted_per_second "$opens" "$(passive_opens)" "$(latest_result transfers)")"
  done
  echo "  load average after: $(loadavg)"
done

echo
echo "== summary: $RUNS runs of ${SECONDS_PER_RUN} s, open loop with up to $OPEN_CLIENTS clients in flight (min / median) =="
for label in saturation $(for m in $MULTIPLIERS; do echo "${m}x"; done); do
  col() { awk -F'\t' -v l="$label" -v f="$1" '$1 == l {print $f}' "$WORK/overload.tsv" | stats; }
  echo "$label: admitted $(col 3)/s; shed $(col 5); errors $(col 6); admitted p99 $(col 8) ms; shed answered p99 $(col 10) ms"
done
