-- Identity: users, sessions and their tokens, MFA recovery codes, brute-force counters, rate-limit windows.
-- Tokens and recovery codes are stored only as SHA-256 hashes: a database leak does not leak credentials.

CREATE TABLE users (
    id               text PRIMARY KEY,
    email            text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    email_key        text NOT NULL UNIQUE,          -- lower-cased email, the identity used to log in
    display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    password_hash    text NOT NULL,
    roles            text[] NOT NULL DEFAULT '{customer}'
                     CHECK (roles <@ ARRAY['customer', 'merchant', 'admin']::text[] AND cardinality(roles) > 0),
    totp_secret      text,                          -- base32; pending until totp_enabled
    totp_enabled     boolean NOT NULL DEFAULT false,
    totp_last_step   bigint NOT NULL DEFAULT 0,     -- last accepted RFC 6238 time step: codes are single-use
    created_at       timestamptz NOT NULL,
    password_changed_at timestamptz NOT NULL,
    CHECK (NOT totp_enabled OR totp_secret IS NOT NULL)
);

CREATE TABLE recovery_codes (
    user_id    text NOT NULL REFERENCES users (id),
    code_hash  bytea NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- A session is one login: it lives until logout, revocation or the end of its refresh chain.
CREATE TABLE sessions (
    id            text PRIMARY KEY,
    user_id       text NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,             -- end of the current refresh token's life
    user_agent    text NOT NULL,
    ip            text NOT NULL,
    revoked_at    timestamptz,
    revoked_reason text
);
CREATE INDEX sessions_by_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- Access and refresh tokens of a session. A refresh token is used once: using it again revokes the session.
CREATE TABLE session_tokens (
    token_hash  bytea PRIMARY KEY,
    session_id  text NOT NULL REFERENCES sessions (id),
    kind        text NOT NULL CHECK (kind IN ('access', 'refresh')),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    CHECK (kind = 'refresh' OR used_at IS NULL)
);
CREATE INDEX session_tokens_by_session ON session_tokens (session_id);

-- Failed logins per email (known or not, so lockout reveals nothing about who has an account).
CREATE TABLE login_failures (
    email_key        text PRIMARY KEY,
    failures         int NOT NULL CHECK (failures >= 0),
    window_started_at timestamptz NOT NULL,
    locked_until     timestamptz,
    lockouts         int NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
    last_lockout_at  timestamptz
);

-- Fixed-window counters for rate limits (per client IP and action), shared by every node.
CREATE TABLE rate_limit_windows (
    bucket        text NOT NULL,
    window_start  timestamptz NOT NULL,
    hits          int NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- Audit: append-only and hash-chained. Each row stores the hash of its predecessor; the single-row head holds the
-- latest, so appends are serialized by locking the head and a gap or an edit breaks the chain visibly.
CREATE TABLE audit_events (
    seq         bigint PRIMARY KEY,
    id          text NOT NULL UNIQUE,
    type        text NOT NULL,
    actor_id    text,
    subject_id  text,
    data        text NOT NULL CHECK (data::jsonb IS NOT NULL),  -- the exact JSON text that was hashed
    created_at  timestamptz NOT NULL,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
);
CREATE INDEX audit_events_by_type ON audit_events (type, seq);

CREATE TABLE audit_chain_head (
    id    int PRIMARY KEY CHECK (id = 1),
    seq   bigint NOT NULL,
    hash  bytea NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
