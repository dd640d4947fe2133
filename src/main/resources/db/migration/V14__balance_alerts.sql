-- Balance alerts with hysteresis: an alert fires when the available balance crosses its line (below: goes under
-- it; above: goes over it) while armed, disarms, and re-arms only when the balance crosses back. Evaluated in the
-- ledger transaction that moved the balance, under the account's row lock: no crossing missed, none doubled.
CREATE TABLE balance_alerts (
    id           text PRIMARY KEY,
    account_id   text NOT NULL REFERENCES accounts (id),
    user_id      text NOT NULL REFERENCES users (id),
    below        bigint,
    above        bigint,
    below_armed  boolean NOT NULL,
    above_armed  boolean NOT NULL,
    created_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    CHECK (below IS NOT NULL OR above IS NOT NULL),
    CHECK (below IS NULL OR above IS NULL OR below < above)
);
CREATE INDEX balance_alerts_by_account ON balance_alerts (account_id) WHERE deleted_at IS NULL;
