-- Standing orders: a transfer at startAt, repeated every interval (count times, or until canceled). Each occurrence
-- is claimed by its row in scheduled_transfer_runs (primary key: schedule id + occurrence number), written in the
-- same transaction as its ledger transfer: an occurrence retried, revived after a crash or run on two nodes at once
-- can never move money twice.
CREATE TABLE scheduled_transfers (
    id               text PRIMARY KEY,
    owner_id         text NOT NULL REFERENCES users (id),
    from_account_id  text NOT NULL REFERENCES accounts (id),
    to_account_id    text NOT NULL REFERENCES accounts (id),
    amount           bigint NOT NULL CHECK (amount > 0),
    currency         text NOT NULL,
    description      text,
    start_at         timestamptz NOT NULL,
    every            text CHECK (every IN ('day', 'week', 'month', 'year')),
    run_limit        int CHECK (run_limit > 0),
    status           text NOT NULL CHECK (status IN ('active', 'completed', 'canceled')),
    runs_done        int NOT NULL DEFAULT 0 CHECK (runs_done >= 0),
    next_run_at      timestamptz,
    created_at       timestamptz NOT NULL,
    canceled_at      timestamptz,
    CHECK (every IS NOT NULL OR run_limit = 1),
    CHECK ((status = 'active') = (next_run_at IS NOT NULL))
);
CREATE INDEX scheduled_transfers_by_owner ON scheduled_transfers (owner_id, created_at DESC);

CREATE TABLE scheduled_transfer_runs (
    schedule_id  text NOT NULL REFERENCES scheduled_transfers (id),
    occurrence   int NOT NULL CHECK (occurrence >= 0),
    due_at       timestamptz NOT NULL,
    ran_at       timestamptz NOT NULL,
    status       text NOT NULL CHECK (status IN ('posted', 'failed')),
    transfer_id  text,
    code         text,
    PRIMARY KEY (schedule_id, occurrence),
    CHECK ((status = 'posted') = (transfer_id IS NOT NULL)),
    CHECK ((status = 'failed') = (code IS NOT NULL))
);
