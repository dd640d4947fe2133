#!/usr/bin/env bash
# An outside SQL-injection check: Debian's sqlmap against a running Coffer's login, sign-up, history and statement
# endpoints (JSON fields, query parameters and path ids as injection points). Coffer runs on its own
# temporary data directory with the login lockout and rate limits lifted, so that sqlmap sees real answers instead
# of 429s. Exit 0 when sqlmap finds nothing injectable; prints each target's verdict and keeps the sqlmap logs.
# Usage: scripts/sqlmap-attack.sh [level 1-5 (3)] [risk 1-3 (2)]
set -euo pipefail
cd "$(dirname "$0")/.."
LEVEL="${1:-3}"; RISK="${2:-2}"
source scripts/jdk25.sh   # JAVA: a JDK 25 (the default java here is 17)
PORT=18250; BASE="http://127.0.0.1:$PORT"
command -v sqlmap > /dev/null || { apt-get update -qq && apt-get install -y -qq sqlmap > /dev/null; }
[ -f target/coffer.jar ] || ./mvnw -q -B package -DskipTests
DATA="$(mktemp -d /tmp/coffer-sqlmap.XXXXXX)"; OUT=target/sqlmap; rm -rf "$OUT"; mkdir -p "$OUT"
export COFFER_ADMIN_EMAIL=sqlmap-admin@attack.coffer.dev COFFER_ADMIN_PASSWORD='sqlmap admin passphrase'

"$JAVA" -jar target/coffer.jar --server.port=$PORT --coffer.data-dir="$DATA" \
    --coffer.identity.max-login-failures=100000000 --coffer.identity.logins-per-ip-per-minute=100000000 \
    --coffer.identity.registrations-per-ip-per-minute=100000000 > "$OUT/coffer.log" 2>&1 &
COFFER=$!
trap 'kill $COFFER 2> /dev/null; wait $COFFER 2> /dev/null || true; rm -rf "$DATA"' EXIT
until curl -sf "$BASE/actuator/health/readiness" > /dev/null 2>&1; do
  kill -0 $COFFER 2> /dev/null || { tail -30 "$OUT/coffer.log"; exit 1; }; sleep 0.3
done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() { curl -sf -X POST "$BASE$1" -H 'Content-Type: application/json' "${@:3}" -d "$2"; }
EMAIL="victim@attack.coffer.dev"; PASSWORD="a long victim passphrase"
post /api/v1/users "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"displayName\":\"Victim\"}" > /dev/null
TOKEN=$(post /api/v1/sessions "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | json "['token']")
ADMIN=$(post /api/v1/sessions "{\"email\":\"$COFFER_ADMIN_EMAIL\",\"password\":\"$COFFER_ADMIN_PASSWORD\"}" | json "['token']")
auth=(-H "Authorization: Bearer $TOKEN")
A1=$(post /api/v1/accounts '{"currency":"EUR","name":"Main"}' "${auth[@]}" | json "['id']")
A2=$(post /api/v1/accounts '{"currency":"EUR","name":"Savings"}' "${auth[@]}" | json "['id']")
post "/api/v1/admin/accounts/$A1/deposits" '{"amount":100000,"reference":"seed"}' \
    -H "Authorization: Bearer $ADMIN" -H "Idempotency-Key: seed-1" > /dev/null
post /api/v1/transfers "{\"fromAccountId\":\"$A1\",\"toAccountId\":\"$A2\",\"amount\":500,\"currency\":\"EUR\"}" \
    "${auth[@]}" -H "Idempotency-Key: seed-2" > /dev/null
echo "[sqlmap] Coffer on $BASE; victim account $A1 with history; sqlmap level $LEVEL, risk $RISK"

requests() {
  curl -s "$BASE/actuator/prometheus" \
      | awk '/^http_server_requests_seconds_count/ && !/uri="\/actuator/ {n += $2} END {printf "%d", n}'
}
found=0; before=$(requests)
attack() {  # name, then sqlmap arguments
  local name=$1; shift
  local log="$OUT/$name.log" start=$SECONDS
  sqlmap --batch --disable-coloring --flush-session --dbms=PostgreSQL --level="$LEVEL" --risk="$RISK" \
      --threads=4 --time-sec=2 --output-dir="$OUT/sessions" "$@" > "$log" 2>&1 || true
  if grep -aqE "is vulnerable|appears to be injectable|sqlmap identified the following injection" "$log"; then
    found=1; echo "[sqlmap] $name: INJECTABLE — see $log"; grep -aE "Parameter:|Type:|Title:" "$log" | sed 's/^/    /'
  elif grep -aq "do not appear to be injectable" "$log"; then
    echo "[sqlmap] $name: nothing injectable ($((SECONDS - start)) s)"
  else
    found=1; echo "[sqlmap] $name: sqlmap did not finish its tests — see $log"; tail -5 "$log" | sed 's/^/    /'
  fi
}
attack login -u "$BASE/api/v1/sessions" --method=POST -H "Content-Type: application/json" --ignore-code=401 \
    --data="{\"email\":\"$EMAIL*\",\"password\":\"wrong*\"}"
attack history -u "$BASE/api/v1/accounts/$A1/transactions?limit=10&cursor=ZTEw&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z" \
    -p "limit,cursor,from,to" -H "Authorization: Bearer $TOKEN"
attack history-path -u "$BASE/api/v1/accounts/$A1*/transactions" -H "Authorization: Bearer $TOKEN"
attack statement -u "$BASE/api/v1/accounts/$A1/statement.csv?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z" \
    -H "Authorization: Bearer $TOKEN"
attack register -u "$BASE/api/v1/users" --method=POST -H "Content-Type: application/json" \
    --data="{\"email\":\"new*@attack.coffer.dev\",\"password\":\"another long passphrase\",\"displayName\":\"Eve*\"}"

balance=$(curl -sf "$BASE/api/v1/accounts/$A1" "${auth[@]}" | json "['balance']['ledger']")
verified=$(curl -sf "$BASE/api/v1/admin/ledger/verification" -H "Authorization: Bearer $ADMIN" | json "['ok']")
# 5xx answers to sqlmap's requests (the readiness probe's 503 while starting is not one of them)
errors=$(curl -s "$BASE/actuator/prometheus" \
    | awk '/^http_server_requests_seconds_count/ && /status="5/ && !/uri="\/actuator/ {n += $2} END {printf "%d", n}')
echo "[sqlmap] $(( $(requests) - before )) requests sent; 5xx answers: $errors; victim balance afterwards: $balance (was 99500); ledger verified: $verified"
if [ "$errors" != 0 ]; then
  curl -s "$BASE/actuator/prometheus" \
      | awk '/^http_server_requests_seconds_count/ && /status="5/ && !/uri="\/actuator/ {print "    " $0}'
fi
[ "$balance" = 99500 ] && [ "$errors" = 0 ] || found=1
[ "$verified" = True ] || found=1
exit $found
