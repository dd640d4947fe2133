-- Webhooks: merchants' endpoints, the event outbox (written in the transaction of the change it describes),
-- deliveries with their attempts.

CREATE TABLE webhook_endpoints (
    id                        text PRIMARY KEY,
    merchant_id               text NOT NULL REFERENCES users (id),
    url                       text NOT NULL CHECK (length(url) <= 2048),
    events                    text[] NOT NULL CHECK (cardinality(events) > 0),
    secret                    text NOT NULL,            -- needed in clear to sign (HMAC); never shown after creation
    previous_secret           text,                     -- still signs until previous_secret_expires_at (rotation)
    previous_secret_expires_at timestamptz,
    enabled                   boolean NOT NULL DEFAULT true,
    created_at                timestamptz NOT NULL,
    deleted_at                timestamptz
);
CREATE INDEX webhook_endpoints_by_merchant ON webhook_endpoints (merchant_id) WHERE deleted_at IS NULL;

-- The outbox: one row per event, in commit order (seq) for the merchant to list and for delivery.
CREATE TABLE events (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           text NOT NULL UNIQUE,
    merchant_id  text NOT NULL,
    type         text NOT NULL,
    body         text NOT NULL CHECK (body::jsonb IS NOT NULL),   -- the exact JSON delivered: {id,type,createdAt,data}
    created_at   timestamptz NOT NULL
);
CREATE INDEX events_by_merchant ON events (merchant_id, seq);
CREATE INDEX events_by_merchant_type ON events (merchant_id, type, seq);

CREATE TABLE webhook_deliveries (
    id               text PRIMARY KEY,
    event_seq        bigint NOT NULL REFERENCES events (seq),
    endpoint_id      text NOT NULL REFERENCES webhook_endpoints (id),
    status           text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    locked_until     timestamptz,                    -- a worker's lease; a crashed worker's claim expires
    last_status_code int,
    last_error       text,
    replay           boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    finished_at      timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at);

CREATE TABLE webhook_attempts (
    delivery_id   text NOT NULL REFERENCES webhook_deliveries (id),
    attempt_no    int NOT NULL,
    started_at    timestamptz NOT NULL,
    duration_ms   int NOT NULL,
    status_code   int,
    error         text,
    PRIMARY KEY (delivery_id, attempt_no)
);
