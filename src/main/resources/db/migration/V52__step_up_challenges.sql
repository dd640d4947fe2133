-- Strong customer authentication with dynamic linking: a challenge is bound to what it authorizes (the binding:
-- sender account, payee, amount, currency), verified once with a second factor, and spent once, within 5 minutes.
CREATE TABLE step_up_challenges (
    id           text PRIMARY KEY,
    user_id      text NOT NULL REFERENCES users (id),
    binding      text NOT NULL CHECK (length(binding) <= 500),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    attempts     int NOT NULL DEFAULT 0,                 -- wrong codes given
    verified_at  timestamptz,
    used_at      timestamptz,
    used_by      text CHECK (length(used_by) <= 600),    -- the request (idempotency key) that spent it
    CHECK (used_at IS NULL OR verified_at IS NOT NULL)
);
CREATE INDEX step_up_challenges_by_user ON step_up_challenges (user_id, created_at);
