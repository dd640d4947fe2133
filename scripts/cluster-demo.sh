#!/usr/bin/env bash
# Coffer as a cluster on one machine, loopback only: a PostgreSQL primary and a streaming replica (Debian's
# PostgreSQL, pg_basebackup), two Coffer nodes reading history from the replica, HAProxy in front. Then:
#   1. transfers through HAProxy with one node up, then with two (throughput of each);
#   2. transfers through HAProxy while one node is killed with SIGKILL mid-run: HAProxy carries on, clients resend
#      unanswered transfers with the same idempotency key, every acknowledged transfer is in the primary exactly
#      once, and the ledger verifier passes;
#   3. reads through HAProxy, served by the replica (the nodes' routing counters show it).
# Stops everything it started. Usage: scripts/cluster-demo.sh [seconds per phase (20)] [accounts (2000)]
# Needs: Debian's postgresql and haproxy packages (installed with apt-get when missing), JDK 25, the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
PHASE_SECONDS="${1:-20}"; ACCOUNTS="${2:-2000}"; CLIENTS=64
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
PG_BIN=""; PRIMARY_PORT=25432; REPLICA_PORT=25433; LB_PORT=18300; STATS_PORT=18399; NODE_PORTS=(18301 18302)
export COFFER_ADMIN_EMAIL=cluster-admin@cluster.coffer.dev COFFER_ADMIN_PASSWORD='cluster admin passphrase'
say() { echo "[cluster] $*"; }

# --- prerequisites -------------------------------------------------------------------------------------------------
need_apt=()
ls /usr/lib/postgresql/*/bin/pg_basebackup > /dev/null 2>&1 || need_apt+=(postgresql)
command -v haproxy > /dev/null || need_apt+=(haproxy)
command -v curl > /dev/null || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} (Debian packages)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" > /dev/null
fi
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
id postgres > /dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
[ -x "$JAVA" ] || { echo "JDK 25 not found at $JAVA: set JAVA_HOME" >&2; exit 1; }
[ -f target/coffer.jar ] || JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -q -B package -DskipTests

WORK="$(mktemp -d /tmp/coffer-cluster.XXXXXX)"; chmod 755 "$WORK"; chown postgres "$WORK"
PIDS=()
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null; done
  for pid in "${PIDS[@]}"; do while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done; done
  for db in replica primary; do
    [ -f "$WORK/$db/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$WORK/$db" -m fast -w stop > /dev/null
  done
  if [ "${KEEP_LOGS:-0}" = 1 ]; then say "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'KEEP_LOGS=1' ERR

# --- PostgreSQL: primary and streaming replica ---------------------------------------------------------------------
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'): primary on $PRIMARY_PORT, data in $WORK/primary"
as_pg "$PG_BIN/initdb" -D "$WORK/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$WORK/initdb.log"
cat >> "$WORK/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$WORK'
max_connections = 200
shared_buffers = 256MB
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = on
synchronous_commit = on
EOF
as_pg "$PG_BIN/pg_ctl" -D "$WORK/primary" -l "$WORK/primary.log" -w start > /dev/null
as_pg "$PG_BIN/psql" -q -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -c "CREATE DATABASE coffer" > /dev/null
say "replica on $REPLICA_PORT: pg_basebackup from the primary, then streaming"
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D "$WORK/replica" -R -X stream -c fast
echo "port = $REPLICA_PORT" >> "$WORK/replica/postgresql.auto.conf"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/replica" -l "$WORK/replica.log" -w start > /dev/null
psql_primary() { as_pg "$PG_BIN/psql" -qtA -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -d coffer "$@"; }
say "replication: $(psql_primary -c "SELECT application_name || ' ' || state || ', sync ' || sync_state FROM pg_stat_replication")"

# --- Coffer nodes and HAProxy --------------------------------------------------------------------------------------
start_node() {  # index (0 or 1)
  local port=${NODE_PORTS[$1]} name="node$(($1 + 1))"
  COFFER_DB_URL="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/coffer" COFFER_DB_USER=postgres \
  COFFER_DB_REPLICA_URL="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/coffer" \
    "$JAVA" -jar target/coffer.jar --server.port="$port" --spring.datasource.hikari.maximum-pool-size=12 \
      --server.forward-headers-strategy=native \
      --coffer.identity.logins-per-ip-per-minute=100000000 \
      --coffer.identity.registrations-per-ip-per-minute=100000000 > "$WORK/$name.log" 2>&1 &
  NODE_PIDS[$1]=$!; PIDS+=($!); disown $!  # no "Killed" job notice when phase 3 kills it
  until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null 2>&1; do
    kill -0 "${NODE_PIDS[$1]}" 2> /dev/null || { tail -40 "$WORK/$name.log"; exit 1; }; sleep 0.3
  done
  say "$name ready on $port (pid ${NODE_PIDS[$1]})"
}
lb_up_count() {
  curl -s "http://127.0.0.1:$STATS_PORT/stats;csv" | awk -F, '$1 == "nodes" && $2 ~ /^node/ && $18 == "UP"' | wc -l
}
wait_lb() {  # expected number of nodes UP
  for _ in $(seq 1 60); do [ "$(lb_up_count)" = "$1" ] && return 0; sleep 0.5; done
  echo "HAProxy never saw $1 node(s) up" >&2; exit 1
}
cat > "$WORK/haproxy.cfg" <<EOF
global
    maxconn 4096
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    # A node that dies drops its connections: resend to the other node. Safe for POSTs here because every
    # money-moving request carries an Idempotency-Key (a resent transfer is answered, not repeated).
    retries 3
    option redispatch
    retry-on conn-failure empty-response
frontend coffer
    bind 127.0.0.1:$LB_PORT
    option forwardfor   # nodes take the client address from X-Forwarded-For (per-IP limits)
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
    server node1 127.0.0.1:${NODE_PORTS[0]} check
    server node2 127.0.0.1:${NODE_PORTS[1]} check
listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats
EOF
NODE_PIDS=()
start_node 0
haproxy -W -db -f "$WORK/haproxy.cfg" > "$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
wait_lb 1
say "HAProxy on $LB_PORT in front of node1 and node2 (node2 not started yet)"

bench() {  # scenario seconds log [extra options] → prints the summary line
  local scenario=$1 seconds=$2 log=$3; shift 3
  "$JAVA" -jar target/coffer.jar bench "$scenario" --url="http://127.0.0.1:$LB_PORT" --clients=$CLIENTS \
      --seconds="$seconds" --accounts="$ACCOUNTS" --out="$WORK/bench" "$@" 2> "$log"
}
rate() { awk '{gsub(",", ""); for (i = 1; i <= NF; i++) if ($(i+1) == "req/s") print $i}'; }
warm_up() {  # node index: a short unmeasured run straight at a fresh node, so its JIT is warm before it is measured
  "$JAVA" -jar target/coffer.jar bench transfers --url="http://127.0.0.1:${NODE_PORTS[$1]}" --clients=$CLIENTS \
      --seconds=8 --accounts=200 --out="$WORK/bench" > /dev/null 2>&1 || true
}

# --- 1. one node, then two -----------------------------------------------------------------------------------------
warm_up 0
say "phase 1: transfers through HAProxy, 1 node, $CLIENTS clients, ${PHASE_SECONDS}s"
one=$(bench transfers "$PHASE_SECONDS" "$WORK/bench-1.err"); echo "  $one"
start_node 1
wait_lb 2
warm_up 1
say "phase 2: transfers through HAProxy, 2 nodes, $CLIENTS clients, ${PHASE_SECONDS}s"
two=$(bench transfers "$PHASE_SECONDS" "$WORK/bench-2.err"); echo "  $two"

# --- 2. kill a node mid-run ----------------------------------------------------------------------------------------
FAIL_SECONDS=$((PHASE_SECONDS * 2)); KILL_AT=$((PHASE_SECONDS / 2))
say "phase 3: transfers through HAProxy for ${FAIL_SECONDS}s; node2 gets SIGKILL ${KILL_AT}s into the run"
phase3_start=$(psql_primary -c "SELECT now()")
bench transfers "$FAIL_SECONDS" "$WORK/bench-3.err" --retries=5 --ack-log="$WORK/acked.txt" > "$WORK/bench-3.out" &
BENCH=$!
until grep -aqE "\[transfers\] +$KILL_AT"s "$WORK/bench-3.err" 2> /dev/null; do
  kill -0 $BENCH 2> /dev/null || break; sleep 0.2
done
kill -9 "${NODE_PIDS[1]}" && say "node2 killed (SIGKILL) at ${KILL_AT}s"
bench_status=0; wait $BENCH || bench_status=$?
failover="$(cat "$WORK/bench-3.out")"; echo "  $failover"
tail -c 600 "$WORK/bench-3.err" | tr '\r' '\n' | grep -aE "ledger verification|resent" | sed 's/^/  /'
say "HAProxy now sees $(lb_up_count) node(s) up"

acked=$(wc -l < "$WORK/acked.txt")
cp "$WORK/acked.txt" "$WORK/acked.copy" && chmod 644 "$WORK/acked.copy"
missing=$(psql_primary <<EOF
CREATE TEMP TABLE acked (id text);
\copy acked FROM '$WORK/acked.copy'
SELECT count(*) FROM acked a LEFT JOIN transfers t ON t.id = a.id WHERE t.id IS NULL;
EOF
)
# Every transfer the clients sent was acknowledged (errors after retries fail the bench): a resend that had been
# executed twice would leave more transfers in the primary than acknowledgements.
in_db=$(psql_primary -c "SELECT count(*) FROM transfers WHERE kind = 'transfer' AND created_at >= '$phase3_start'")
distinct=$(sort -u "$WORK/acked.txt" | wc -l)
duplicates=$((in_db - distinct + (acked - distinct)))
say "acknowledged transfers: $acked ($distinct distinct); in the primary: $in_db; missing: $missing"

# --- 3. reads from the replica -------------------------------------------------------------------------------------
say "reads through HAProxy (account + first history page), ${PHASE_SECONDS}s, node1 only now"
reads=$(bench reads "$PHASE_SECONDS" "$WORK/bench-reads.err"); echo "  $reads"
say "node1's read routing: $(curl -s "http://127.0.0.1:${NODE_PORTS[0]}/actuator/prometheus" \
    | awk '/^coffer_db_reads_total/ {sub(/^coffer_db_reads_total/, ""); printf "%s=%d  ", $1, $2}')"
say "replica lag: $(psql_primary -c "SELECT coalesce(pg_wal_lsn_diff(sent_lsn, replay_lsn), 0) || ' bytes' FROM pg_stat_replication")"

# --- summary -------------------------------------------------------------------------------------------------------
echo
echo "== cluster demo ($(nproc) cores, $CLIENTS clients, ${PHASE_SECONDS}s phases) =="
echo "transfers, 1 node:  $(echo "$one" | rate) req/s"
echo "transfers, 2 nodes: $(echo "$two" | rate) req/s"
echo "transfers while node2 was killed: $(echo "$failover" | rate) req/s, $acked acknowledged, $missing lost, $duplicates duplicated"
echo "reads via replica:  $(echo "$reads" | rate) req/s"
if [ "$missing" != 0 ] || [ "$duplicates" != 0 ] || [ $bench_status != 0 ]; then
  echo "FAILED: lost or duplicated transfers, errors after retries, or the ledger verifier failed (logs: $WORK)" >&2
  KEEP_LOGS=1; exit 1
fi
echo "OK: no acknowledged transfer lost, none duplicated, ledger verified"
