-- Recurring prices, the subscriptions that pay them, and one invoice per subscription and period. The invoice's
-- (subscription_id, period_index) is the period's deterministic key: it is created, charged and marked paid in the
-- transaction that posts its ledger transfer, under the subscription's row lock, so no period is charged twice.
CREATE TABLE prices (
    id              text PRIMARY KEY,
    merchant_id     text NOT NULL REFERENCES users (id),
    product_name    text NOT NULL CHECK (length(product_name) BETWEEN 1 AND 200),
    amount          bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
    currency        char(3) NOT NULL,
    every           text NOT NULL CHECK (every IN ('day', 'week', 'month', 'year')),
    interval_count  int NOT NULL CHECK (interval_count BETWEEN 1 AND 366),
    created_at      timestamptz NOT NULL
);
CREATE INDEX prices_by_merchant ON prices (merchant_id, created_at);

CREATE TABLE subscriptions (
    id                     text PRIMARY KEY,
    merchant_id            text NOT NULL REFERENCES users (id),
    customer_id            text NOT NULL REFERENCES users (id),
    customer_account_id    text NOT NULL REFERENCES accounts (id),
    settlement_account_id  text NOT NULL REFERENCES accounts (id),
    price_id               text NOT NULL REFERENCES prices (id),
    checkout_session_id    text NOT NULL UNIQUE REFERENCES checkout_sessions (id),
    product_name           text NOT NULL,
    amount                 bigint NOT NULL CHECK (amount > 0),
    currency               char(3) NOT NULL,
    every                  text NOT NULL,
    interval_count         int NOT NULL,
    anchor_at              timestamptz NOT NULL,
    period_index           int NOT NULL CHECK (period_index >= 0),
    current_period_start   timestamptz NOT NULL,
    current_period_end     timestamptz NOT NULL,
    status                 text NOT NULL CHECK (status IN ('active', 'past_due', 'canceled')),
    cancel_at_period_end   boolean NOT NULL DEFAULT false,
    created_at             timestamptz NOT NULL,
    canceled_at            timestamptz,
    CHECK (current_period_end > current_period_start),
    CHECK ((status = 'canceled') = (canceled_at IS NOT NULL))
);
CREATE INDEX subscriptions_by_customer ON subscriptions (customer_id, created_at DESC);
CREATE INDEX subscriptions_by_merchant ON subscriptions (merchant_id, created_at DESC);

CREATE TABLE invoices (
    id               text PRIMARY KEY,
    subscription_id  text NOT NULL REFERENCES subscriptions (id),
    merchant_id      text NOT NULL REFERENCES users (id),
    period_index     int NOT NULL CHECK (period_index >= 0),
    amount           bigint NOT NULL CHECK (amount > 0),
    currency         char(3) NOT NULL,
    status           text NOT NULL CHECK (status IN ('paid', 'open', 'uncollectible')),
    period_start     timestamptz NOT NULL,
    period_end       timestamptz NOT NULL,
    attempts         int NOT NULL CHECK (attempts >= 1),
    transfer_id      text UNIQUE,
    payment_id       text UNIQUE,
    created_at       timestamptz NOT NULL,
    paid_at          timestamptz,
    UNIQUE (subscription_id, period_index),
    CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
    CHECK (status <> 'paid' OR transfer_id IS NOT NULL OR payment_id IS NOT NULL)
);
