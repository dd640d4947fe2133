#!/usr/bin/env bash
# Measures start-up to readiness (GET /actuator/health/readiness = 200) on a data directory that already exists (the
# usual restart) and, once, on an empty one (first start, initdb). Two launchers, alternated run by run so that noise
# hits both alike:
#   jar      $JAVA -jar target/coffer.jar                          (Spring AOT context from the build; no JVM flags)
#   classic  $JAVA -Dspring.aot.enabled=false -jar target/coffer.jar (the context computed at start, for comparison)
#   fast     scripts/run-fast.sh            (extracted jar + JDK AOT cache; trained once per build, not timed)
# Usage: scripts/measure-startup.sh [runs] [launchers]      e.g. scripts/measure-startup.sh 5 "jar fast"
# $JAVA is a JDK 25 (scripts/jdk25.sh); the jar is built when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
LAUNCHERS="${2:-jar fast}"
source scripts/jdk25.sh   # JAVA: a JDK 25 (the default java here is 17)
[ -f target/coffer.jar ] || ./mvnw -q -B package -DskipTests
PORT=18777
DATA="$(mktemp -d /tmp/coffer-startup.XXXXXX)"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DATA"' EXIT

launch() {
  case "$1" in
    jar) exec "$JAVA" -jar target/coffer.jar --server.port=$PORT --coffer.data-dir="$DATA/db" ;;
    classic) exec "$JAVA" -Dspring.aot.enabled=false -jar target/coffer.jar --server.port=$PORT --coffer.data-dir="$DATA/db" ;;
    fast) exec scripts/run-fast.sh --server.port=$PORT --coffer.data-dir="$DATA/db" ;;
    *) echo "unknown launcher $1 (jar, classic or fast)" >&2; exit 2 ;;
  esac
}

run_once() {
  local start end
  start=$(date +%s%N)
  (launch "$1") > "$DATA/run.log" 2>&1 &
  PID=$!
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null 2>&1; do
    if ! kill -0 "$PID" 2>/dev/null; then echo "Coffer exited; see its log:" >&2; cat "$DATA/run.log" >&2; exit 1; fi
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$PID"; wait "$PID" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

if [[ " $LAUNCHERS " == *" fast "* ]] && { [ ! -f target/fast/coffer.aot ] || [ target/coffer.jar -nt target/fast/coffer.aot ]; }; then
  echo "training the AOT cache for the fast launcher first (not timed)…"
  (scripts/run-fast.sh --server.port=$PORT --coffer.data-dir="$DATA/train" > "$DATA/train.log" 2>&1 &
   echo $! > "$DATA/train.pid"; wait) &
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null 2>&1; do sleep 0.2; done
  kill "$(cat "$DATA/train.pid")"; wait || true
  rm -rf "$DATA/train"
fi

first=${LAUNCHERS%% *}
echo "first start on an empty data directory (initdb, $first): $(run_once "$first") ms"
declare -A times
for i in $(seq 1 "$RUNS"); do
  for l in $LAUNCHERS; do
    t=$(run_once "$l"); times[$l]="${times[$l]:-} $t"; echo "restart $i ($l): $t ms"
  done
done
for l in $LAUNCHERS; do
  sorted=($(printf '%s\n' ${times[$l]} | sort -n))
  echo "$l: restart to ready over $RUNS runs: min ${sorted[0]} ms, median ${sorted[$(( RUNS / 2 ))]} ms"
done
echo "($(nproc) cores, $("$JAVA" -version 2>&1 | head -1))"
