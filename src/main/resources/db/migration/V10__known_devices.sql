-- Known devices (OWASP's device cookie): a device a user logged in from gets a long-lived token, stored only as a
-- SHA-256. Failed logins are counted per device for those that present a valid token and in one shared bucket for
-- all unknown devices, so guessing from elsewhere cannot lock the owner out of their own device.
CREATE TABLE known_devices (
    id            text PRIMARY KEY,
    user_id       text NOT NULL REFERENCES users (id),
    token_hash    bytea NOT NULL UNIQUE,
    user_agent    text,
    ip            text,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX known_devices_by_user ON known_devices (user_id, created_at) WHERE revoked_at IS NULL;
