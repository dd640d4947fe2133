-- The people's outbox: events for one user's live stream (balance.updated, transfer.received, payment.succeeded,
-- alert.triggered), written in the transaction of the change they describe. Readers take only rows whose
-- transaction id is below the oldest still-running one (pg_snapshot_xmin), in (xid, seq) order: every such row's
-- transaction has ended, so a reader that moves its cursor forward never skips a row that commits late.
CREATE TABLE user_events (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    id          text NOT NULL UNIQUE,
    user_id     text NOT NULL REFERENCES users (id),
    type        text NOT NULL,
    body        text NOT NULL CHECK (body::jsonb IS NOT NULL),
    created_at  timestamptz NOT NULL
);
CREATE INDEX user_events_in_commit_order ON user_events (xid, seq);
CREATE INDEX user_events_by_user ON user_events (user_id, xid, seq);
CREATE INDEX user_events_by_age ON user_events (created_at);
