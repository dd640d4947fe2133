#!/usr/bin/env bash
# Measures `java -jar target/coffer.jar` from launch to readiness (GET /actuator/health/readiness = 200),
# on a data directory that already exists (the usual restart) and, once, on an empty one (first start, initdb).
# Usage: scripts/measure-startup.sh [runs] [extra JVM or app args…]     (build first: ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"; shift || true
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
PORT=18777
DATA="$(mktemp -d /tmp/coffer-startup.XXXXXX)"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DATA"' EXIT

run_once() {
  local start end
  start=$(date +%s%N)
  "$JAVA" "$@" -jar target/coffer.jar --server.port=$PORT --coffer.data-dir="$DATA" > "$DATA/run.log" 2>&1 &
  PID=$!
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null 2>&1; do
    if ! kill -0 "$PID" 2>/dev/null; then echo "Coffer exited; see $DATA/run.log" >&2; cat "$DATA/run.log" >&2; exit 1; fi
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$PID"; wait "$PID" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

echo "first start on an empty data directory (initdb): $(run_once "$@") ms"
times=()
for i in $(seq 1 "$RUNS"); do
  t=$(run_once "$@"); times+=("$t"); echo "restart $i: $t ms"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "restart to ready over $RUNS runs: min ${sorted[0]} ms, median ${sorted[$(( RUNS / 2 ))]} ms ($(nproc) cores, $("$JAVA" -version 2>&1 | head -1))"
