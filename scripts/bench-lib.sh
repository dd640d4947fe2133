# Sourced by the bench-*.sh scripts next to it (from the repository root): a Coffer to measure, started on a fresh
# data directory with its own embedded PostgreSQL on a known port, stopped (and its data removed) when the script
# exits; plus the helpers every measurement script needs.
#   start_coffer <http port> <postgres port> [server flags…]   sets COFFER_URL, COFFER_PID, COFFER_DB_JDBC, WORK
#                                      (JVM options for the server, e.g. a JFR flag: COFFER_JVM_OPTS)
#   bench <scenario> [options…]                                 the jar's bench command against it
# The jar measured is target/coffer.jar (built when missing), or COFFER_JAR (to compare two builds).
#   stats                                                       "min X, median Y" of numbers on stdin
#   loadavg                                                     the 1-minute load average, now
#   admin_token                                                 a bearer token of the bench admin
source scripts/jdk25.sh   # JAVA: a JDK 25 (the default java here is 17)
export COFFER_ADMIN_EMAIL=bench-admin@bench.coffer.dev COFFER_ADMIN_PASSWORD='bench admin passphrase'
[ -f target/coffer.jar ] || ./mvnw -q -B package -DskipTests
command -v jq > /dev/null || { echo "jq is missing: apt-get install jq" >&2; exit 1; }
WORK="$(mktemp -d /tmp/coffer-bench.XXXXXX)"
# The server and the bench run from a copy: a rebuild of target/coffer.jar meanwhile (another worktree's build,
# an IDE) would pull classes out from under a running JVM (NoClassDefFoundError mid-run).
cp "${COFFER_JAR:-target/coffer.jar}" "$WORK/coffer.jar"
COFFER_PID=""

stop_coffer() {
  if [ -n "$COFFER_PID" ]; then kill "$COFFER_PID" 2> /dev/null; wait "$COFFER_PID" 2> /dev/null || true; fi
  COFFER_PID=""
}
trap 'stop_coffer; rm -rf "$WORK"' EXIT

start_coffer() {  # http port, postgres port, server flags…
  local port=$1 pg_port=$2; shift 2
  "$JAVA" ${COFFER_JVM_OPTS:-} -jar "$WORK/coffer.jar" --server.port="$port" --coffer.data-dir="$WORK/data" \
      --coffer.embedded-db.port="$pg_port" \
      --coffer.identity.logins-per-ip-per-minute=100000000 --coffer.identity.registrations-per-ip-per-minute=100000000 \
      "$@" > "$WORK/coffer.log" 2>&1 &
  COFFER_PID=$!
  COFFER_URL="http://localhost:$port"
  COFFER_DB_JDBC="jdbc:postgresql://localhost:$pg_port/postgres"
  until curl -sf "$COFFER_URL/actuator/health/readiness" > /dev/null 2>&1; do
    kill -0 "$COFFER_PID" 2> /dev/null || { tail -30 "$WORK/coffer.log" >&2; exit 1; }; sleep 0.3
  done
}

bench() {  # scenario, options… (results in $WORK/bench, progress in $WORK/bench.err)
  "$JAVA" -jar "$WORK/coffer.jar" bench "$1" --url="$COFFER_URL" --out="$WORK/bench" "${@:2}" 2>> "$WORK/bench.err"
}

latest_result() {  # scenario → the newest JSON result of that scenario
  ls -t "$WORK/bench/$1"-*.json | head -1
}

stats() { sort -n | awk '{a[NR] = $1} END {if (NR == 0) {print "-"; exit} printf "min %s, median %s", a[1], a[int(NR / 2) + 1]}'; }

loadavg() { cut -d' ' -f1 /proc/loadavg; }

admin_token() {
  curl -sf -X POST "$COFFER_URL/api/v1/sessions" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$COFFER_ADMIN_EMAIL\",\"password\":\"$COFFER_ADMIN_PASSWORD\"}" | jq -r .token
}
