#!/usr/bin/env bash
# Renewals after a clock jump (issue #17): each run starts a fresh Coffer (embedded PostgreSQL, new data directory)
# with the test clock on, then `bench renewals`: N monthly subscriptions through checkout, the server's clock jumped
# past the end of their first period so all N are due at once, renewals/s and the time until every one is charged
# (from the answer of the jump to the merchant's settlement balance showing all N), then exactly one paid invoice per
# subscription per period and the ledger verified. Prints each run and min / median over the runs.
# Usage: [SUBSCRIPTIONS=1000] [SERVER_FLAGS="--coffer.billing.threads=4"] scripts/bench-renewals.sh [runs (3)]
# Needs: JDK 25 (scripts/jdk25.sh finds it), jq. Takes ~1-3 min per run (mostly the set-up's checkouts).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"; SUBSCRIPTIONS="${SUBSCRIPTIONS:-1000}"; SERVER_FLAGS="${SERVER_FLAGS:-}"
source scripts/bench-lib.sh
mkdir -p "$WORK/bench"
echo "[renewals] $SUBSCRIPTIONS subscriptions a run, $RUNS runs, $(nproc) cores; work in $WORK"

for run in $(seq 1 "$RUNS"); do
  stop_coffer
  rm -rf "$WORK/data"
  # shellcheck disable=SC2086 # SERVER_FLAGS is a list of flags
  start_coffer 18250 15445 --coffer.test-clock=true $SERVER_FLAGS
  echo "[run $run] Coffer on $COFFER_URL (fresh data), load average $(loadavg)"
  before="$(ls "$WORK/bench" | wc -l)"
  if ! bench renewals --subscriptions="$SUBSCRIPTIONS" | sed 's/^/  /' \
      || [ "$(ls "$WORK/bench" | wc -l)" -eq "$before" ]; then
    echo "  the run failed; the end of its log:"; tr '\r' '\n' < "$WORK/bench.err" | grep -v '^\(set-up\|renewals\): [0-9]' \
        | tail -5 | sed 's/^/    /'
  fi
  if [ "$(ls "$WORK/bench" | wc -l)" -gt "$before" ]; then
    jq -r --arg run "$run" --arg load "$(loadavg)" '[$run, .allChargedSeconds, .renewalsPerSecond,
        .serverFirstChargeSeconds, .serverAllChargedSeconds, .serverRenewalsPerSecond,
        .paidInvoicesExactlyOncePerPeriod, .ledgerVerified, $load] | @tsv' "$(latest_result renewals)" \
        >> "$WORK/renewals.tsv"
  fi
  echo "  load average after: $(loadavg)"
done

touch "$WORK/renewals.tsv"
col() { awk -F'\t' -v f="$1" '{print $f}' "$WORK/renewals.tsv" | stats; }
echo
echo "== summary: $(wc -l < "$WORK/renewals.tsv") of $RUNS runs measured, $SUBSCRIPTIONS subscriptions, $(nproc) cores (min / median) =="
echo "all charged after the jump: $(col 2) s"
echo "renewals/s (N ÷ that):      $(col 3)"
echo "server: first charge after: $(col 4) s; last after $(col 5) s; between them $(col 6) renewals/s"
echo "exactly once per period:    $(awk -F'\t' '{print $7}' "$WORK/renewals.tsv" | sort | uniq -c | xargs)"
echo "ledger verified:            $(awk -F'\t' '{print $8}' "$WORK/renewals.tsv" | sort | uniq -c | xargs)"
