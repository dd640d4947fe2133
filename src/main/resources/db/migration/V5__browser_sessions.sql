-- Browser sessions: a 'web' token lives in an HttpOnly cookie (no server memory: any node can check it),
-- and a two-step login for users with two-factor codes (the first step leaves a short-lived challenge).

ALTER TABLE session_tokens DROP CONSTRAINT session_tokens_kind_check;
ALTER TABLE session_tokens ADD CONSTRAINT session_tokens_kind_check CHECK (kind IN ('access', 'refresh', 'web'));

CREATE TABLE mfa_challenges (
    token_hash  bytea PRIMARY KEY,
    user_id     text NOT NULL REFERENCES users (id),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
