#!/usr/bin/env bash
# High availability on one machine, loopback only: three PostgreSQL 15 nodes managed by Patroni (etcd, three
# members, as the consensus store), synchronous replication in strict mode (every commit Coffer is told about is on
# two nodes), two Coffer nodes, HAProxy in front of the nodes (HTTP, readiness-checked) and in front of PostgreSQL
# (TCP, a primary port and a replicas port, each checked through Patroni's REST API). First the same transfer load
# for 20 s synchronous and 20 s asynchronous (what the safety costs). Then, per round:
#   A. transfers through HAProxy, the bench resending unanswered ones with the same idempotency key; the primary's
#      PostgreSQL is killed (SIGKILL, postmaster and backends) 10 s in; Patroni fails over;
#   B. the same with a partition instead: the primary's Patroni and PostgreSQL are frozen (SIGSTOP) and a Coffer
#      node is killed at the same moment; once a new primary serves, the frozen ones are thawed (SIGCONT).
# After each drill: every acknowledged transfer is in the new primary exactly once, the books balance (`coffer
# verify` against the new primary), and the old primary has rejoined as a streaming replica. Times are measured
# from the fault: until the new primary accepts a durable write (a probe INSERT, which in strict synchronous mode
# returns only once a standby has it), until a witness client's transfer, sent from the fault on and resent with its
# key, is answered 201, and until the old primary streams again.
# Stops everything it started. Exit code 0 only when nothing was lost, duplicated or refused after retries.
#
# Usage: scripts/ha-demo.sh [rounds (1)] [seconds per drill (45)] [accounts (400)]
# HA_DB_ROUTE=multihost connects Coffer with multi-host JDBC URLs (targetServerType=primary / preferSecondary)
# instead of HAProxy's PostgreSQL ports. Needs Debian's patroni, etcd-server, haproxy and postgresql-15 (installed
# with apt-get when missing), JDK 25 and the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-1}"; DRILL_SECONDS="${2:-45}"; ACCOUNTS="${3:-400}"; CLIENTS=32; FAULT_AT=10; RETRIES=25
DB_ROUTE="${HA_DB_ROUTE:-haproxy}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
PG_BIN=/usr/lib/postgresql/15/bin
# Ports (25000-25999): etcd clients and peers, PostgreSQL, Patroni REST, HAProxy, Coffer.
ETCD_CLIENT=(25101 25102 25103); ETCD_PEER=(25111 25112 25113)
PG_PORT=(25201 25202 25203); REST_PORT=(25211 25212 25213)
LB_DB_PRIMARY=25200; LB_DB_REPLICAS=25250; LB_HTTP=25300; STATS_PORT=25399; NODE_PORTS=(25301 25302)
export COFFER_ADMIN_EMAIL=ha-admin@ha.coffer.dev COFFER_ADMIN_PASSWORD='ha admin passphrase'
say() { echo "[ha $(date +%T)] $*"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "-" || b == "-") print "-"; else printf "%.1f", b - a }'; }

# --- prerequisites -------------------------------------------------------------------------------------------------
need_apt=()
[ -x "$PG_BIN/postgres" ] || need_apt+=(postgresql-15)
command -v patroni > /dev/null || need_apt+=(patroni)
command -v etcd > /dev/null || need_apt+=(etcd-server)
command -v haproxy > /dev/null || need_apt+=(haproxy)
command -v curl > /dev/null || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} (Debian packages)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" > /dev/null
fi
id postgres > /dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
[ -x "$JAVA" ] || { echo "JDK 25 not found at $JAVA: set JAVA_HOME" >&2; exit 1; }
[ -f target/coffer.jar ] || JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -q -B package -DskipTests

WORK="$(mktemp -d /tmp/coffer-ha.XXXXXX)"; chmod 755 "$WORK"; chown postgres "$WORK"
PIDS=(); ETCD_PIDS=(); PATRONI_PIDS=(); NODE_PIDS=(); FROZEN=()
as_pg() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }
postmaster_pid() { head -1 "$WORK/pg$(($1 + 1))/postmaster.pid" 2> /dev/null || true; }
cleanup() {
  set +e
  [ ${#FROZEN[@]} -gt 0 ] && kill -CONT "${FROZEN[@]}" 2> /dev/null
  for pid in "${PIDS[@]}" "${NODE_PIDS[@]}"; do kill "$pid" 2> /dev/null; done
  for pid in "${PATRONI_PIDS[@]}"; do kill "$pid" 2> /dev/null; done  # Patroni stops its PostgreSQL first
  for pid in "${PIDS[@]}" "${NODE_PIDS[@]}" "${PATRONI_PIDS[@]}"; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
  done
  for i in 0 1 2; do
    [ -f "$WORK/pg$((i + 1))/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg$((i + 1))" -m immediate -w stop > /dev/null 2>&1
  done
  for pid in "${ETCD_PIDS[@]}"; do kill "$pid" 2> /dev/null; done
  for pid in "${ETCD_PIDS[@]}"; do while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done; done
  if [ "${KEEP_LOGS:-0}" = 1 ]; then say "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'KEEP_LOGS=1' ERR
trap 'KEEP_LOGS=1; exit 143' TERM
trap 'KEEP_LOGS=1; exit 130' INT

# --- etcd: three members, the quorum Patroni elects its leader through ---------------------------------------------
cluster=""
for i in 0 1 2; do cluster+="${cluster:+,}e$((i + 1))=http://127.0.0.1:${ETCD_PEER[$i]}"; done
for i in 0 1 2; do
  etcd --name "e$((i + 1))" --data-dir "$WORK/etcd$((i + 1))" \
      --listen-client-urls "http://127.0.0.1:${ETCD_CLIENT[$i]}" --advertise-client-urls "http://127.0.0.1:${ETCD_CLIENT[$i]}" \
      --listen-peer-urls "http://127.0.0.1:${ETCD_PEER[$i]}" --initial-advertise-peer-urls "http://127.0.0.1:${ETCD_PEER[$i]}" \
      --initial-cluster "$cluster" --initial-cluster-token coffer-ha --initial-cluster-state new --enable-v2=true \
      > "$WORK/etcd$((i + 1)).log" 2>&1 &
  ETCD_PIDS+=($!)
done
for i in 0 1 2; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:${ETCD_CLIENT[$i]}/health" | grep -q '"true"' && break; sleep 0.2; done
done
say "etcd $(etcd --version | awk 'NR == 1 {print $3}'): 3 members on ${ETCD_CLIENT[*]}"

# --- PostgreSQL under Patroni ----------------------------------------------------------------------------------------
etcd_hosts=""; for p in "${ETCD_CLIENT[@]}"; do etcd_hosts+="${etcd_hosts:+,}127.0.0.1:$p"; done
for i in 0 1 2; do
  n=$((i + 1))
  cat > "$WORK/patroni$n.yml" <<EOF
scope: coffer-ha
namespace: /coffer/
name: pg$n
restapi:
  listen: 127.0.0.1:${REST_PORT[$i]}
  connect_address: 127.0.0.1:${REST_PORT[$i]}
# The etcd v2 API, on purpose: Patroni 3.0.2's etcd3 client renews an expired leader lease by writing the leader
# key unconditionally, so a primary that was frozen past its lease (the partition drill) takes the lock back from
# the node promoted meanwhile, which is then rewound: a split brain that loses acknowledged commits (fixed upstream
# after 3.0.2, patroni#2689). The v2 client updates the key only if it still holds this node's name.
etcd:
  hosts: $etcd_hosts
bootstrap:
  dcs:
    # Leader lease 10 s, checked every second: a primary that stops renewing loses it 10 s later. A crashed
    # PostgreSQL fails over at once (primary_start_timeout 0): with synchronous replication nothing is lost.
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    primary_start_timeout: 0
    maximum_lag_on_failover: 1048576
    # Strict synchronous mode: a commit returns only once one standby has it, and only that standby may be
    # promoted; with no standby left, writes wait rather than go unprotected.
    synchronous_mode: true
    synchronous_mode_strict: true
    synchronous_node_count: 1
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        max_connections: 200
        shared_buffers: 256MB
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 512MB
        fsync: "on"
        synchronous_commit: "on"
        # A standby retries its WAL source every 5 s by default: after a failover that is 5 s more before the
        # new primary has a synchronous standby again, and in strict mode writes wait for one.
        wal_retrieve_retry_interval: 1s
  initdb:
  - encoding: UTF8
  - locale: C.UTF-8
  pg_hba:
  - local all all trust
  - host replication replicator 127.0.0.1/32 trust
  - host all all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:${PG_PORT[$i]}
  connect_address: 127.0.0.1:${PG_PORT[$i]}
  data_dir: $WORK/pg$n
  bin_dir: $PG_BIN
  pgpass: $WORK/pgpass$n
  authentication:
    superuser: {username: postgres, password: postgres}
    replication: {username: replicator, password: replicator}
  parameters:
    unix_socket_directories: $WORK
EOF
done
start_patroni() {  # index
  # setpriv execs Patroni: $! is Patroni itself, not a shell around it.
  setpriv --reuid=postgres --regid=postgres --init-groups -- patroni "$WORK/patroni$(($1 + 1)).yml" \
      >> "$WORK/patroni$(($1 + 1)).log" 2>&1 &
  PATRONI_PIDS[$1]=$!
}
rest() { curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:${REST_PORT[$1]}/$2" || true; }
primary_index() { for i in 0 1 2; do [ "$(rest $i primary)" = 200 ] && { echo $i; return; }; done; echo -1; }
cluster_json() { curl -s -m 2 "http://127.0.0.1:${REST_PORT[$1]}/cluster"; }
# "leader sync_standby replica" roles when all three run and stream: the healthy, protected state.
cluster_healthy() {
  cluster_json "$1" | python3 -c '
import json, sys
members = json.load(sys.stdin).get("members", [])
roles = sorted(m["role"] for m in members if m.get("state") in ("running", "streaming"))
sys.exit(0 if roles == ["leader", "replica", "sync_standby"] else 1)' 2> /dev/null
}
wait_healthy() {  # seconds
  for _ in $(seq 1 $(($1 * 2))); do cluster_healthy "$(primary_index)" && return 0; sleep 0.5; done
  echo "the cluster never became healthy (leader + sync standby + replica)" >&2; cluster_json 0 >&2; exit 1
}
start_patroni 0
for _ in $(seq 1 120); do [ "$(rest 0 primary)" = 200 ] && break; sleep 0.5; done
[ "$(rest 0 primary)" = 200 ] || { tail -30 "$WORK/patroni1.log"; exit 1; }
start_patroni 1; start_patroni 2
wait_healthy 120
psql_at() { psql -qtAX "host=127.0.0.1 port=$1 dbname=${2:-coffer} user=postgres connect_timeout=2" "${@:3}"; }
first=$(primary_index)
psql_at "${PG_PORT[$first]}" postgres -c "CREATE DATABASE coffer" \
    -c "CREATE TABLE ha_probe (at timestamptz NOT NULL DEFAULT clock_timestamp())" > /dev/null
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') x3 under Patroni $(patroni --version | awk '{print $2}'):" \
    "pg$((first + 1)) leads; synchronous standby: $(psql_at "${PG_PORT[$first]}" postgres -c "SHOW synchronous_standby_names")"

# --- HAProxy: Coffer nodes (HTTP) and PostgreSQL (TCP, routed by Patroni's REST API) ---------------------------------
pg_servers() {  # the three PostgreSQL nodes, each checked on its Patroni REST port
  for i in 0 1 2; do echo "    server pg$((i + 1)) 127.0.0.1:${PG_PORT[$i]} check port ${REST_PORT[$i]}"; done
}
cat > "$WORK/haproxy.cfg" <<EOF
global
    maxconn 4096
defaults
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    timeout check 1s
frontend coffer
    mode http
    bind 127.0.0.1:$LB_HTTP
    option forwardfor
    default_backend nodes
backend nodes
    mode http
    balance roundrobin
    # A node that dies drops its connections: resend to the other. Safe for POSTs here because every
    # money-moving request carries an Idempotency-Key.
    retries 3
    option redispatch
    retry-on conn-failure empty-response
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
    server node1 127.0.0.1:${NODE_PORTS[0]} check
    server node2 127.0.0.1:${NODE_PORTS[1]} check
listen pg_primary
    # Only the node whose Patroni holds the leader lease answers 200 on /primary. When that changes, the old
    # primary's sessions are cut at once (Coffer answers 503, the pool reconnects here and lands on the new one).
    mode tcp
    bind 127.0.0.1:$LB_DB_PRIMARY
    timeout client 30m
    timeout server 30m
    option httpchk
    http-check send meth GET uri /primary
    http-check expect status 200
    default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
$(pg_servers)
listen pg_replicas
    # Streaming standbys (history pages and statements); Coffer falls back to the primary by itself.
    mode tcp
    bind 127.0.0.1:$LB_DB_REPLICAS
    balance leastconn
    timeout client 30m
    timeout server 30m
    option httpchk
    http-check send meth GET uri /replica
    http-check expect status 200
    default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
$(pg_servers)
listen stats
    mode http
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats
EOF
haproxy -W -db -f "$WORK/haproxy.cfg" > "$WORK/haproxy.log" 2>&1 &
PIDS+=($!)

# --- Coffer nodes ----------------------------------------------------------------------------------------------------
if [ "$DB_ROUTE" = multihost ]; then
  hosts=""; for p in "${PG_PORT[@]}"; do hosts+="${hosts:+,}127.0.0.1:$p"; done
  DB_URL="jdbc:postgresql://$hosts/coffer?targetServerType=primary&sslmode=disable"
  REPLICA_URL="jdbc:postgresql://$hosts/coffer?targetServerType=preferSecondary&loadBalanceHosts=true&sslmode=disable"
else
  DB_URL="jdbc:postgresql://127.0.0.1:$LB_DB_PRIMARY/coffer?sslmode=disable"
  REPLICA_URL="jdbc:postgresql://127.0.0.1:$LB_DB_REPLICAS/coffer?sslmode=disable"
fi
start_node() {  # index (0 or 1)
  local port=${NODE_PORTS[$1]} name="node$(($1 + 1))"
  COFFER_DB_URL="$DB_URL" COFFER_DB_USER=postgres COFFER_DB_REPLICA_URL="$REPLICA_URL" \
    "$JAVA" -jar target/coffer.jar --server.port="$port" --spring.datasource.hikari.maximum-pool-size=12 \
      --server.forward-headers-strategy=native \
      --coffer.identity.logins-per-ip-per-minute=100000000 \
      --coffer.identity.registrations-per-ip-per-minute=100000000 >> "$WORK/$name.log" 2>&1 &
  NODE_PIDS[$1]=$!; disown $!  # no "Killed" job notice when a drill kills it
  until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null 2>&1; do
    kill -0 "${NODE_PIDS[$1]}" 2> /dev/null || { tail -40 "$WORK/$name.log"; exit 1; }; sleep 0.3
  done
  say "$name ready on $port (pid ${NODE_PIDS[$1]})"
}
lb_up_count() {
  curl -s "http://127.0.0.1:$STATS_PORT/stats;csv" | awk -F, '$1 == "nodes" && $2 ~ /^node/ && $18 == "UP"' | wc -l
}
wait_lb() {  # expected number of nodes UP
  for _ in $(seq 1 120); do [ "$(lb_up_count)" = "$1" ] && return 0; sleep 0.5; done
  echo "HAProxy never saw $1 node(s) up" >&2; exit 1
}
start_node 0
start_node 1
wait_lb 2
say "HAProxy: Coffer on $LB_HTTP; PostgreSQL primary on $LB_DB_PRIMARY, replicas on $LB_DB_REPLICAS; Coffer's database route: $DB_ROUTE"
say "warming up both nodes (15 s each, not measured)"
for port in "${NODE_PORTS[@]}"; do
  "$JAVA" -jar target/coffer.jar bench transfers --url="http://127.0.0.1:$port" --clients=$CLIENTS --seconds=15 \
      --accounts=100 --out="$WORK/bench" > /dev/null 2>&1 || true
done

# A witness: one customer with two accounts, whose single transfer, sent from the moment of a fault and resent with
# the same key until answered 201, times when Coffer serves again as a client sees it.
api() {  # method path [token] [idempotency key] [json body] → the response body
  local args=(-s -m 10 -X "$1" "http://127.0.0.1:$LB_HTTP$2" -H "Content-Type: application/json")
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-H "Idempotency-Key: $4")
  [ -n "${5:-}" ] && args+=(-d "$5")
  curl "${args[@]}"
}
json() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
api POST /api/v1/users "" "" '{"email":"witness@ha.coffer.dev","password":"witness passphrase 21","displayName":"W"}' > /dev/null
WITNESS_TOKEN=$(api POST /api/v1/sessions "" "" '{"email":"witness@ha.coffer.dev","password":"witness passphrase 21"}' | json token)
ADMIN_TOKEN=$(api POST /api/v1/sessions "" "" "{\"email\":\"$COFFER_ADMIN_EMAIL\",\"password\":\"$COFFER_ADMIN_PASSWORD\"}" | json token)
WITNESS_FROM=$(api POST /api/v1/accounts "$WITNESS_TOKEN" "" '{"currency":"EUR","name":"From"}' | json id)
WITNESS_TO=$(api POST /api/v1/accounts "$WITNESS_TOKEN" "" '{"currency":"EUR","name":"To"}' | json id)
api POST "/api/v1/admin/accounts/$WITNESS_FROM/deposits" "$ADMIN_TOKEN" "$(cat /proc/sys/kernel/random/uuid)" \
    '{"amount":1000000,"reference":"witness"}' > /dev/null
witness() {  # output file: the epoch seconds of the first 201
  local key; key=$(cat /proc/sys/kernel/random/uuid)
  local body="{\"fromAccountId\":\"$WITNESS_FROM\",\"toAccountId\":\"$WITNESS_TO\",\"amount\":1,\"currency\":\"EUR\"}"
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' -X POST "http://127.0.0.1:$LB_HTTP/api/v1/transfers" \
        -H "Authorization: Bearer $WITNESS_TOKEN" -H "Idempotency-Key: $key" -H "Content-Type: application/json" \
        -d "$body")" = 201 ]; then
      now > "$1"; return 0
    fi
    sleep 0.1
  done
}

# --- what synchronous replication costs ------------------------------------------------------------------------------
steady() {  # label → prints "req/s p50 p99"
  "$JAVA" -jar target/coffer.jar bench transfers --url="http://127.0.0.1:$LB_HTTP" --clients=$CLIENTS --seconds=20 \
      --accounts="$ACCOUNTS" --out="$WORK/bench" 2> "$WORK/bench-$1.err" \
    | awk '{gsub(",", ""); for (i = 1; i <= NF; i++) { if ($(i+1) == "req/s") r = $i; if ($i == "p50") a = $(i+1); if ($i == "p99") b = $(i+1) } } END { print r, a, b }'
}
sync_names() { psql_at "${PG_PORT[$(primary_index)]}" postgres -c "SHOW synchronous_standby_names"; }
say "steady state, synchronous (strict): transfers through HAProxy for 20 s"
read -r SYNC_RATE SYNC_P50 SYNC_P99 <<< "$(steady sync)"
patronictl -c "$WORK/patroni1.yml" edit-config -q --force -s synchronous_mode=false -s synchronous_mode_strict=false > /dev/null
for _ in $(seq 1 60); do [ -z "$(sync_names)" ] && break; sleep 0.5; done
say "steady state, asynchronous (synchronous_standby_names '$(sync_names)'): transfers for 20 s"
read -r ASYNC_RATE ASYNC_P50 ASYNC_P99 <<< "$(steady async)"
patronictl -c "$WORK/patroni1.yml" edit-config -q --force -s synchronous_mode=true -s synchronous_mode_strict=true > /dev/null
for _ in $(seq 1 60); do [ -n "$(sync_names)" ] && break; sleep 0.5; done
wait_healthy 60
say "synchronous again (synchronous_standby_names '$(sync_names)'): $SYNC_RATE req/s sync, $ASYNC_RATE req/s async"

# --- the drill -------------------------------------------------------------------------------------------------------
# Probes the two standbys, one prober each, until one accepts a durable write (in strict synchronous mode an INSERT
# returns only once a standby has it); prints "<epoch seconds> <index>", or "- -1" after two minutes.
probe_new_primary() {  # old primary's index
  local probers=() i found="" deadline=$(($(date +%s) + 120))
  rm -f "$WORK"/probe-*
  for i in 0 1 2; do
    [ "$i" = "$1" ] && continue
    (
      until timeout 5 psql -qtAX "host=127.0.0.1 port=${PG_PORT[$i]} dbname=postgres user=postgres connect_timeout=2" \
          -c "INSERT INTO ha_probe DEFAULT VALUES"; do
        sleep 0.05
      done
      echo "$(now) $i" > "$WORK/probe-$i"
    ) > /dev/null 2>&1 &
    probers+=($!)
  done
  while [ -z "$found" ] && [ "$(date +%s)" -lt $deadline ]; do
    sleep 0.05
    found=$(cat "$WORK"/probe-* 2> /dev/null | sort -n | head -1)
  done
  kill "${probers[@]}" 2> /dev/null || true
  echo "${found:-- -1}"
}
# From the fault on, until the old primary streams from a node that is not in recovery: writes the epoch seconds to
# the file given (nothing after three minutes). Runs beside the drill, so the bench's length does not count.
watch_rejoin() {  # old index, output file
  local deadline=$(($(date +%s) + 180)) i
  while [ "$(date +%s)" -lt $deadline ]; do
    for i in 0 1 2; do
      [ "$i" = "$1" ] && continue
      if [ "$(psql_at "${PG_PORT[$i]}" postgres -c "SELECT count(*) FROM pg_stat_replication
          WHERE application_name = 'pg$(($1 + 1))' AND state = 'streaming' AND NOT pg_is_in_recovery()" \
          2> /dev/null)" = 1 ]; then
        now > "$2"; return 0
      fi
    done
    sleep 0.2
  done
}
postgres_pids() {  # index: the postmaster and its children
  local pm; pm=$(postmaster_pid "$1")
  [ -n "$pm" ] && echo "$pm $(pgrep -P "$pm" | tr '\n' ' ')"
}

ROWS=(); FAILED=0
drill() {  # round, kind (crash|partition)
  local round=$1 kind=$2 old new pids started fault_at probe_out promoted_at first_tx rejoined_at
  old=$(primary_index)
  [ "$old" -ge 0 ] || { echo "no primary before the drill" >&2; exit 1; }
  say "round $round, drill $kind: pg$((old + 1)) is the primary; transfers through HAProxy for ${DRILL_SECONDS}s," \
      "the fault ${FAULT_AT}s in"
  started=$(psql_at "${PG_PORT[$old]}" coffer -c "SELECT now()")
  local ack="$WORK/acked-$round-$kind.txt" err="$WORK/bench-$round-$kind.err"
  "$JAVA" -jar target/coffer.jar bench transfers --url="http://127.0.0.1:$LB_HTTP" --clients=$CLIENTS \
      --seconds="$DRILL_SECONDS" --accounts="$ACCOUNTS" --out="$WORK/bench" --retries=$RETRIES --ack-log="$ack" \
      2> "$err" > "$WORK/bench-$round-$kind.out" &
  local bench=$!; PIDS+=($bench)
  until grep -aqE "\[transfers\] +${FAULT_AT}s" "$err" 2> /dev/null; do
    kill -0 $bench 2> /dev/null || break; sleep 0.1
  done
  pids=$(postgres_pids "$old")
  local served="$WORK/served-$round-$kind"
  fault_at=$(now)
  witness "$served" &
  local witness_pid=$!
  local rejoined="$WORK/rejoined-$round-$kind"
  watch_rejoin "$old" "$rejoined" &
  local rejoin_pid=$!
  if [ "$kind" = crash ]; then
    # shellcheck disable=SC2086
    kill -9 $pids
    say "pg$((old + 1))'s PostgreSQL killed (SIGKILL: postmaster and $(($(wc -w <<< "$pids") - 1)) children)"
  else
    # shellcheck disable=SC2086
    kill -STOP "${PATRONI_PIDS[$old]}" $pids
    FROZEN=("${PATRONI_PIDS[$old]}" $pids)
    kill -9 "${NODE_PIDS[1]}"
    say "pg$((old + 1))'s Patroni and PostgreSQL frozen (SIGSTOP, $(wc -w <<< "$pids") processes: no packet answered," \
        "no connection closed), and node2 killed (SIGKILL)"
  fi
  probe_out=$(probe_new_primary "$old"); promoted_at=${probe_out% *}; new=${probe_out#* }
  say "pg$((new + 1)) accepts durable writes after $(secs "$fault_at" "$promoted_at") s"
  if [ "$kind" = partition ]; then
    sleep 5
    kill -CONT "${FROZEN[@]}"; FROZEN=()
    say "pg$((old + 1)) thawed (SIGCONT) $(secs "$fault_at" "$(now)") s after the freeze: Patroni must demote it"
  fi
  local bench_status=0; wait $bench || bench_status=$?
  wait $witness_pid || true
  first_tx=$(cat "$served" 2> /dev/null || true)
  say "  the witness's transfer answered 201 after $(secs "$fault_at" "$first_tx") s"
  say "  $(cat "$WORK/bench-$round-$kind.out")"
  tail -c 800 "$err" | tr '\r' '\n' | grep -aE "ledger verification|resent" | sed 's/^/  /' || true
  [ "$new" -ge 0 ] || { echo "no new primary" >&2; exit 1; }
  wait $rejoin_pid || true
  rejoined_at=$(cat "$rejoined" 2> /dev/null || true)
  say "  pg$((old + 1)) streams from pg$((new + 1)) again after $(secs "$fault_at" "$rejoined_at") s"
  wait_healthy 120
  # The checks run on whichever node leads now: if the old primary had taken the lead back (a split brain), the
  # writes acknowledged by the new one would be missing there, and this is where it shows.
  local final port; final=$(primary_index); port=${PG_PORT[$final]}
  [ "$final" = "$new" ] || say "  THE PRIMARY CHANGED AGAIN: pg$((final + 1)) leads now, not pg$((new + 1))"

  # Every acknowledged transfer in the primary, exactly once; nothing that was not acknowledged.
  local acked distinct missing in_db duplicates resent
  acked=$(wc -l < "$ack"); distinct=$(sort -u "$ack" | wc -l)
  missing=$(psql_at "$port" coffer <<EOF
CREATE TEMP TABLE acked (id text);
\copy acked FROM '$ack'
SELECT count(*) FROM acked a LEFT JOIN transfers t ON t.id = a.id WHERE t.id IS NULL;
EOF
)
  in_db=$(psql_at "$port" coffer -c "SELECT count(*) FROM transfers WHERE kind = 'transfer'
      AND created_at >= '$started' AND from_account_id <> '$WITNESS_FROM'")
  duplicates=$((in_db - distinct + (acked - distinct)))
  resent=$(tr '\r' '\n' < "$err" | awk '/^resent/ {print $2}' | tail -1)
  local verify=0
  COFFER_DB_URL="jdbc:postgresql://127.0.0.1:$port/coffer?sslmode=disable" COFFER_DB_USER=postgres \
    "$JAVA" -jar target/coffer.jar verify > "$WORK/verify-$round-$kind.log" 2>&1 || verify=$?
  say "  acknowledged $acked ($distinct distinct), in pg$((final + 1)): $in_db, missing $missing; verify exit code $verify"
  ROWS+=("$(printf "%-5s %-9s %-7s %9s %10s %9s %6s %5s %5s %6s %6s %5s" "$round" "$kind" \
      "pg$((old + 1))>pg$((new + 1))" "$(secs "$fault_at" "$promoted_at")" "$(secs "$fault_at" "$first_tx")" \
      "$(secs "$fault_at" "$rejoined_at")" "$acked" "$missing" "$duplicates" "${resent:-0}" \
      "$([ $verify = 0 ] && echo ok || echo FAIL)" "$bench_status")")
  if [ "$missing" != 0 ] || [ "$duplicates" != 0 ] || [ $bench_status != 0 ] || [ $verify != 0 ] \
      || [ -z "$rejoined_at" ] || [ -z "$first_tx" ] || [ "$final" != "$new" ]; then
    FAILED=1
  fi
  if [ "$kind" = partition ]; then
    start_node 1
    wait_lb 2
  fi
}

for round in $(seq 1 "$ROUNDS"); do
  drill "$round" crash
  drill "$round" partition
done

# --- summary ---------------------------------------------------------------------------------------------------------
echo
echo "== HA drill: Patroni + etcd, synchronous (strict), Coffer via $DB_ROUTE; $(nproc) cores, $CLIENTS clients, fault ${FAULT_AT}s into ${DRILL_SECONDS}s =="
echo "steady state, same load: synchronous (strict) $SYNC_RATE req/s, p50 $SYNC_P50 ms, p99 $SYNC_P99 ms;" \
    "asynchronous $ASYNC_RATE req/s, p50 $ASYNC_P50 ms, p99 $ASYNC_P99 ms"
echo "seconds from the fault until: the new primary accepts a durable write (primary), a client's transfer sent from"
echo "the fault on is answered 201 (transfer), the old primary streams from the new one (rejoin)."
echo "bench = the bench's exit code (0: every transfer acknowledged in the end, none refused after retries)."
printf "%-5s %-9s %-7s %9s %10s %9s %6s %5s %5s %6s %6s %5s\n" round drill switch primary transfer rejoin acked lost dupl resent verify bench
printf '%s\n' "${ROWS[@]}"
if [ $FAILED != 0 ]; then
  echo "FAILED: a lost or duplicated transfer, an error after retries, a failed ledger check or a node that did not rejoin (logs: $WORK)" >&2
  KEEP_LOGS=1; exit 1
fi
echo "OK: every acknowledged transfer is in the new primary exactly once, the books balance, the old primary rejoined"
