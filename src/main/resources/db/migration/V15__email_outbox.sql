-- Email through the outbox: a mail is written in the transaction of what it tells about (a password change, a new
-- device, money received, an alert) and sent afterwards by whichever node claims it (lease, SKIP LOCKED), retried
-- with backoff. A crash before sending sends it after restart; its Message-ID is its id, so a resend after a crash
-- between sending and recording it is recognisable as the same mail.
CREATE TABLE email_outbox (
    id               text PRIMARY KEY,
    user_id          text NOT NULL REFERENCES users (id),
    kind             text NOT NULL,
    to_address       text NOT NULL,
    subject          text NOT NULL,
    body_html        text NOT NULL,
    body_text        text NOT NULL,
    status           text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    locked_until     timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_outbox_by_user ON email_outbox (user_id, created_at);

-- Each kind of email can be turned off per user (no row: on).
CREATE TABLE email_preferences (
    user_id  text NOT NULL REFERENCES users (id),
    kind     text NOT NULL,
    enabled  boolean NOT NULL,
    PRIMARY KEY (user_id, kind)
);
