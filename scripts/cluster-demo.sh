#!/usr/bin/env bash
# Coffer as a cluster on one machine, loopback only: a PostgreSQL primary and a streaming replica (Debian's
# PostgreSQL, pg_basebackup), two Coffer nodes reading history from the replica, HAProxy in front. Then:
#   1. transfers through HAProxy with both nodes (after an unmeasured warm-up of each);
#   2. transfers through HAProxy while node2 is killed with SIGKILL mid-run: HAProxy carries on, clients resend
#      unanswered transfers with the same idempotency key, every acknowledged transfer is in the primary exactly
#      once, and the ledger verifier passes;
#   3. transfers through HAProxy with the surviving node alone (the 1-node figure, on an equally warm JVM);
#   4. reads through HAProxy, served by the replica (the nodes' routing counters show it);
#   5. a point-in-time recovery drill: the base backup taken at the start plus the archived WAL, restored to the
#      quiet moment between phases 1 and 2: exactly the transfers of that moment, and `coffer verify` passes on it.
# Stops everything it started. Usage: scripts/cluster-demo.sh [seconds per phase (20)] [accounts (2000)]
# Needs: Debian's postgresql and haproxy packages (installed with apt-get when missing), JDK 25, the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
PHASE_SECONDS="${1:-20}"; ACCOUNTS="${2:-2000}"; CLIENTS=64
source scripts/jdk25.sh   # JAVA: a JDK 25 (the default java here is 17)
PG_BIN=""; PRIMARY_PORT=25432; REPLICA_PORT=25433; PITR_PORT=25434; LB_PORT=18300; STATS_PORT=18399; NODE_PORTS=(18301 18302)
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
[ -f target/coffer.jar ] || ./mvnw -q -B package -DskipTests

WORK="$(mktemp -d /tmp/coffer-cluster.XXXXXX)"; chmod 755 "$WORK"; chown postgres "$WORK"
PIDS=()
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null; done
  for pid in "${PIDS[@]}"; do while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done; done
  for db in pitr replica primary; do
    [ -f "$WORK/$db/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$WORK/$db" -m fast -w stop > /dev/null
  done
  if [ "${KEEP_LOGS:-0}" = 1 ]; then say "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'KEEP_LOGS=1' ERR

# --- PostgreSQL: primary and streaming replica ---------------------------------------------------------------------
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'): primary on $PRIMARY_PORT, data in $WORK/primary"
as_pg "$PG_BIN/initdb" -D "$WORK/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$WORK/initdb.log"
as_pg mkdir "$WORK/wal"
cat >> "$WORK/primary/postgresql.conf" <<EOF
archive_mode = on
archive_command = 'test ! -f $WORK/wal/%f && cp %p $WORK/wal/%f'
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
say "base backup for the recovery drill (WAL archived to $WORK/wal)"
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D "$WORK/base" -X stream -c fast
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
  NODE_PIDS[$1]=$!; PIDS+=($!); disown $!  # no "Killed" job notice when phase 2 kills it
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
start_node 1
haproxy -W -db -f "$WORK/haproxy.cfg" > "$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
wait_lb 2
say "HAProxy on $LB_PORT in front of node1 and node2"

bench() {  # scenario seconds log [extra options] → prints the summary line
  local scenario=$1 seconds=$2 log=$3; shift 3
  "$JAVA" -jar target/coffer.jar bench "$scenario" --url="http://127.0.0.1:$LB_PORT" --clients=$CLIENTS \
      --seconds="$seconds" --accounts="$ACCOUNTS" --out="$WORK/bench" "$@" 2> "$log"
}
rate() { awk '{gsub(",", ""); for (i = 1; i <= NF; i++) if ($(i+1) == "req/s") print $i}'; }
warm_up() {  # node index: an unmeasured run straight at a fresh node, so its JIT is warm before it is measured
  "$JAVA" -jar target/coffer.jar bench transfers --url="http://127.0.0.1:${NODE_PORTS[$1]}" --clients=$CLIENTS \
      --seconds=15 --accounts=200 --out="$WORK/bench" > /dev/null 2>&1 || true
}

# --- 1. two nodes --------------------------------------------------------------------------------------------------
say "warming up both nodes (15 s each, not measured)"
warm_up 0; warm_up 1
say "phase 1: transfers through HAProxy, 2 nodes, $CLIENTS clients, ${PHASE_SECONDS}s"
two=$(bench transfers "$PHASE_SECONDS" "$WORK/bench-1.err"); echo "  $two"

# The recovery drill's target: a quiet moment between two phases, marked on both sides.
psql_primary -c "CREATE SCHEMA drill" -c "CREATE TABLE drill.marks (label text, at timestamptz DEFAULT clock_timestamp())" \
    -c "INSERT INTO drill.marks (label) VALUES ('before')"
target_count=$(psql_primary -c "SELECT count(*) FROM transfers")
target_time=$(psql_primary -c "SELECT clock_timestamp()")
sleep 0.5
psql_primary -c "INSERT INTO drill.marks (label) VALUES ('after')"

# --- 2. kill a node mid-run ----------------------------------------------------------------------------------------
FAIL_SECONDS=$((PHASE_SECONDS * 2)); KILL_AT=$((PHASE_SECONDS / 2))
say "phase 2: transfers through HAProxy for ${FAIL_SECONDS}s; node2 gets SIGKILL ${KILL_AT}s into the run"
phase2_start=$(psql_primary -c "SELECT now()")
bench transfers "$FAIL_SECONDS" "$WORK/bench-2.err" --retries=5 --ack-log="$WORK/acked.txt" > "$WORK/bench-2.out" &
BENCH=$!
until grep -aqE "\[transfers\] +$KILL_AT"s "$WORK/bench-2.err" 2> /dev/null; do
  kill -0 $BENCH 2> /dev/null || break; sleep 0.2
done
kill -9 "${NODE_PIDS[1]}" && say "node2 killed (SIGKILL) at ${KILL_AT}s"
bench_status=0; wait $BENCH || bench_status=$?
failover="$(cat "$WORK/bench-2.out")"; echo "  $failover"
tail -c 600 "$WORK/bench-2.err" | tr '\r' '\n' | grep -aE "ledger verification|resent" | sed 's/^/  /'
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
in_db=$(psql_primary -c "SELECT count(*) FROM transfers WHERE kind = 'transfer' AND created_at >= '$phase2_start'")
distinct=$(sort -u "$WORK/acked.txt" | wc -l)
duplicates=$((in_db - distinct + (acked - distinct)))
say "acknowledged transfers: $acked ($distinct distinct); in the primary: $in_db; missing: $missing"

# --- 3. one node ---------------------------------------------------------------------------------------------------
say "phase 3: transfers through HAProxy, 1 node (the survivor), $CLIENTS clients, ${PHASE_SECONDS}s"
one=$(bench transfers "$PHASE_SECONDS" "$WORK/bench-3.err"); echo "  $one"

# --- 4. reads from the replica -------------------------------------------------------------------------------------
say "phase 4: reads through HAProxy (account + first history page), ${PHASE_SECONDS}s"
reads=$(bench reads "$PHASE_SECONDS" "$WORK/bench-reads.err"); echo "  $reads"
say "node1's read routing: $(curl -s "http://127.0.0.1:${NODE_PORTS[0]}/actuator/prometheus" \
    | awk '/^coffer_db_reads_total/ {sub(/^coffer_db_reads_total/, ""); printf "%s=%d  ", $1, $2}')"
say "replica lag: $(psql_primary -c "SELECT coalesce(pg_wal_lsn_diff(sent_lsn, replay_lsn), 0) || ' bytes' FROM pg_stat_replication")"

# --- 5. point-in-time recovery drill -------------------------------------------------------------------------------
say "phase 5: recovery drill — base backup + archived WAL, restored to $target_time on port $PITR_PORT"
psql_primary -c "SELECT pg_switch_wal()" > /dev/null
as_pg cp -a "$WORK/base" "$WORK/pitr"
cat >> "$WORK/pitr/postgresql.auto.conf" <<EOF
port = $PITR_PORT
archive_mode = off
restore_command = 'cp $WORK/wal/%f %p'
recovery_target_time = '$target_time'
recovery_target_action = 'promote'
EOF
as_pg touch "$WORK/pitr/recovery.signal"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pitr" -l "$WORK/pitr.log" -w -t 600 start > /dev/null
psql_pitr() { as_pg "$PG_BIN/psql" -qtA -h 127.0.0.1 -p $PITR_PORT -U postgres -d coffer "$@"; }
for _ in $(seq 1 600); do [ "$(psql_pitr -c "SELECT pg_is_in_recovery()" 2> /dev/null)" = f ] && break; sleep 0.5; done
restored_marks=$(psql_pitr -c "SELECT string_agg(label, ',' ORDER BY at) FROM drill.marks")
restored_count=$(psql_pitr -c "SELECT count(*) FROM transfers")
pitr_verify=0
COFFER_DB_URL="jdbc:postgresql://127.0.0.1:$PITR_PORT/coffer" COFFER_DB_USER=postgres \
  "$JAVA" -jar target/coffer.jar verify > "$WORK/pitr-verify.log" 2>&1 || pitr_verify=$?
say "restored: marks '$restored_marks' (want 'before'), $restored_count transfers (the primary had $target_count then), verify exit code $pitr_verify"
pitr_ok=0
if [ "$restored_marks" = before ] && [ "$restored_count" = "$target_count" ] && [ $pitr_verify = 0 ]; then pitr_ok=1; fi

# --- summary -------------------------------------------------------------------------------------------------------
echo
echo "== cluster demo ($(nproc) cores, $CLIENTS clients, ${PHASE_SECONDS}s phases) =="
echo "transfers, 2 nodes: $(echo "$two" | rate) req/s"
echo "transfers, 1 node:  $(echo "$one" | rate) req/s"
echo "transfers while node2 was killed: $(echo "$failover" | rate) req/s, $acked acknowledged, $missing lost, $duplicates duplicated"
echo "reads via replica:  $(echo "$reads" | rate) req/s"
echo "point-in-time recovery: $restored_count transfers restored of $target_count at the target; verify exit code $pitr_verify"
if [ "$missing" != 0 ] || [ "$duplicates" != 0 ] || [ $bench_status != 0 ] || [ $pitr_ok != 1 ]; then
  echo "FAILED: lost or duplicated transfers, errors after retries, a failed ledger check or recovery drill (logs: $WORK)" >&2
  KEEP_LOGS=1; exit 1
fi
echo "OK: no acknowledged transfer lost, none duplicated, ledger verified, recovery drill exact"
