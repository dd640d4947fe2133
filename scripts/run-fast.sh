#!/usr/bin/env bash
# Starts Coffer the fast way: the jar extracted (no nested-jar class loading) and the JDK's AOT cache (JEP 483/514/515:
# classes pre-parsed, pre-linked and profiled from a training run), on top of the Spring AOT context the jar always
# carries. Builds both on first use under target/fast/. See docs/benchmarks.md#start-up.
# Usage: scripts/run-fast.sh [--name=value …]          (same settings as $JAVA -jar target/coffer.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk25.sh   # JAVA: a JDK 25 (the default java here is 17)
[ -f target/coffer.jar ] || ./mvnw -q -B package -DskipTests
FAST=target/fast
if [ ! -f "$FAST/coffer.aot" ] || [ target/coffer.jar -nt "$FAST/coffer.aot" ]; then
  echo "[run-fast] extracting the jar and training the AOT cache (once per build, ~20 s)…" >&2
  rm -rf "$FAST"; mkdir -p "$FAST"
  "$JAVA" -Djarmode=tools -jar target/coffer.jar extract --destination "$FAST/app" > /dev/null
  TRAIN_DATA="$(mktemp -d /tmp/coffer-train.XXXXXX)"
  # Train on a throw-away data directory and end with SIGTERM, so the embedded PostgreSQL stops cleanly.
  "$JAVA" -XX:AOTCacheOutput="$FAST/coffer.aot" -jar "$FAST/app/coffer.jar" \
      --server.port=18799 --coffer.data-dir="$TRAIN_DATA" > "$FAST/training.log" 2>&1 &
  TRAIN=$!
  until curl -sf http://localhost:18799/actuator/health/readiness > /dev/null 2>&1; do
    kill -0 "$TRAIN" 2>/dev/null || { echo "[run-fast] training run failed; see $FAST/training.log" >&2; exit 1; }
    sleep 0.2
  done
  # A short first-use tour (sign-up, login, an account, a page), so the classes of a first request are cached too.
  api=http://localhost:18799/api/v1; json='Content-Type: application/json'
  user='{"email":"trainer@example.com","password":"a long training passphrase","displayName":"Trainer"}'
  curl -sf -X POST $api/users -H "$json" -d "$user" > /dev/null || true
  token=$(curl -sf -X POST $api/sessions -H "$json" \
      -d '{"email":"trainer@example.com","password":"a long training passphrase"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  curl -sf -X POST $api/accounts -H "$json" -H "Authorization: Bearer $token" -d '{"currency":"EUR","name":"Train"}' \
      > /dev/null || true
  curl -sf $api/accounts -H "Authorization: Bearer $token" > /dev/null || true
  curl -sf http://localhost:18799/login > /dev/null || true
  kill "$TRAIN"; wait "$TRAIN" || true
  rm -rf "$TRAIN_DATA"
fi
exec "$JAVA" -XX:AOTCache="$FAST/coffer.aot" -jar "$FAST/app/coffer.jar" "$@"
