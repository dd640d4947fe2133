#!/usr/bin/env bash
# Starts Coffer the fast way: the jar extracted (no nested-jar class loading) and the JDK's AOT cache (JEP 483/514:
# classes pre-parsed, pre-linked and profiled from a training run). Builds both on first use under target/fast/.
# Usage: scripts/run-fast.sh [--name=value …]          (same settings as java -jar target/coffer.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
FAST=target/fast
if [ ! -f "$FAST/coffer.aot" ] || [ target/coffer.jar -nt "$FAST/coffer.aot" ]; then
  echo "[run-fast] extracting the jar and training the AOT cache (once per build, ~30 s)…" >&2
  rm -rf "$FAST"; mkdir -p "$FAST"
  "$JAVA" -Djarmode=tools -jar target/coffer.jar extract --destination "$FAST/app" > /dev/null
  TRAIN_DATA="$(mktemp -d /tmp/coffer-train.XXXXXX)"
  # Train on a throw-away data directory and end with SIGTERM, so the embedded PostgreSQL stops cleanly.
  "$JAVA" -XX:AOTCacheOutput="$FAST/coffer.aot" -XX:-AOTClassLinking -jar "$FAST/app/coffer.jar" \
      --server.port=18799 --coffer.data-dir="$TRAIN_DATA" > "$FAST/training.log" 2>&1 &
  TRAIN=$!
  until curl -sf http://localhost:18799/actuator/health/readiness > /dev/null 2>&1; do sleep 0.2; done
  curl -sf http://localhost:18799/login > /dev/null || true
  curl -sf -X POST http://localhost:18799/api/v1/sessions -H 'Content-Type: application/json' \
      -d '{"email":"nobody@example.com","password":"not a password at all"}' > /dev/null || true
  kill "$TRAIN"; wait "$TRAIN" || true
  rm -rf "$TRAIN_DATA"
fi
exec "$JAVA" -XX:AOTCache="$FAST/coffer.aot" -jar "$FAST/app/coffer.jar" "$@"
