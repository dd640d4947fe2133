-- Merchants' API keys, checkout sessions, payments and refunds ("Buy Now").

CREATE TABLE api_keys (
    id            text PRIMARY KEY,
    merchant_id   text NOT NULL REFERENCES users (id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    secret_hash   bytea NOT NULL UNIQUE,            -- SHA-256 of the secret; the secret is shown once
    secret_hint   text NOT NULL,                    -- "sk_abcd…wxyz", to recognise a key in a list
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_keys_by_merchant ON api_keys (merchant_id, created_at);

CREATE TABLE checkout_sessions (
    id                     text PRIMARY KEY,
    merchant_id            text NOT NULL REFERENCES users (id),
    status                 text NOT NULL CHECK (status IN ('open', 'complete', 'expired')),
    currency               char(3) NOT NULL,
    amount                 bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
    capture_method         text NOT NULL CHECK (capture_method IN ('automatic', 'manual')),
    settlement_account_id  text NOT NULL REFERENCES accounts (id),
    success_url            text CHECK (length(success_url) <= 2048),
    line_items             jsonb NOT NULL,
    metadata               jsonb NOT NULL DEFAULT '{}',
    payment_id             text,
    created_at             timestamptz NOT NULL,
    expires_at             timestamptz NOT NULL,
    completed_at           timestamptz,
    CHECK ((status = 'complete') = (payment_id IS NOT NULL))
);
CREATE INDEX checkout_sessions_open_by_expiry ON checkout_sessions (expires_at) WHERE status = 'open';
CREATE INDEX checkout_sessions_by_merchant ON checkout_sessions (merchant_id, created_at);

CREATE TABLE payments (
    id                     text PRIMARY KEY,
    checkout_session_id    text NOT NULL UNIQUE REFERENCES checkout_sessions (id), -- one payment per session, ever
    merchant_id            text NOT NULL REFERENCES users (id),
    payer_id               text NOT NULL REFERENCES users (id),
    payer_account_id       text NOT NULL REFERENCES accounts (id),
    settlement_account_id  text NOT NULL REFERENCES accounts (id),
    status                 text NOT NULL CHECK (status IN ('requires_capture', 'succeeded', 'canceled')),
    capture_method         text NOT NULL CHECK (capture_method IN ('automatic', 'manual')),
    currency               char(3) NOT NULL,
    amount                 bigint NOT NULL CHECK (amount > 0),
    amount_captured        bigint NOT NULL DEFAULT 0 CHECK (amount_captured >= 0 AND amount_captured <= amount),
    amount_refunded        bigint NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount_captured),
    hold_id                text UNIQUE,
    cancellation_reason    text,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    CHECK (status <> 'succeeded' OR amount_captured > 0),
    CHECK (status <> 'requires_capture' OR (hold_id IS NOT NULL AND amount_captured = 0))
);
CREATE INDEX payments_by_merchant ON payments (merchant_id, created_at);
CREATE INDEX payments_by_payer ON payments (payer_id, created_at);

CREATE TABLE refunds (
    id           text PRIMARY KEY,
    payment_id   text NOT NULL REFERENCES payments (id),
    amount       bigint NOT NULL CHECK (amount > 0),
    transfer_id  text NOT NULL REFERENCES transfers (id),
    created_at   timestamptz NOT NULL
);
CREATE INDEX refunds_by_payment ON refunds (payment_id);
