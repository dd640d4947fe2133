#!/usr/bin/env bash
# A/B one server configuration: starts target/coffer.jar on a fresh data directory with the given extra flags,
# warms it up with a 10-s transfers run, then runs each scenario twice (20 s after 5 s of warm-up for the load
# generator's JIT, 64 clients) and prints the summaries.
# Compare two configurations by running this twice, e.g.:
#   scripts/bench-ab.sh "transfers" --coffer.ledger.max-batch=100
#   SCENARIOS="reads baseline" scripts/bench-ab.sh
# Two builds: copy the first jar away and pass it as JAR=/tmp/before.jar.
# Usage: [SCENARIOS="transfers"] [SECONDS_PER_RUN=20] [JAR=target/coffer.jar] scripts/bench-ab.sh [server flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk25.sh   # JAVA: a JDK 25 (the default java here is 17)
SCENARIOS="${SCENARIOS:-transfers}"; SECONDS_PER_RUN="${SECONDS_PER_RUN:-20}"; JAR="${JAR:-target/coffer.jar}"
PORT=18210
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
DATA="$(mktemp -d /tmp/coffer-ab.XXXXXX)"
export COFFER_ADMIN_EMAIL=bench-admin@bench.coffer.dev COFFER_ADMIN_PASSWORD='bench admin passphrase'
"$JAVA" -jar "$JAR" --server.port=$PORT --coffer.data-dir="$DATA" \
    --coffer.identity.logins-per-ip-per-minute=100000000 --coffer.identity.registrations-per-ip-per-minute=100000000 \
    "$@" > "$DATA/coffer.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2> /dev/null; wait $SERVER 2> /dev/null || true; rm -rf "$DATA"' EXIT
until curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null 2>&1; do
  kill -0 $SERVER 2> /dev/null || { tail -30 "$DATA/coffer.log"; exit 1; }; sleep 0.3
done
bench() { "$JAVA" -jar "$JAR" bench "$1" --url="http://localhost:$PORT" --clients=64 --seconds="$2" \
    --warmup-seconds=5 --accounts=2000 --out="$DATA/bench" 2> /dev/null; }
echo "[ab] $JAR, warming up (10 s of transfers, not counted); server flags: ${*:-none}"
bench transfers 10 > /dev/null
for run in 1 2; do
  for scenario in $SCENARIOS; do echo "[run $run] $(bench "$scenario" "$SECONDS_PER_RUN")"; done
done
