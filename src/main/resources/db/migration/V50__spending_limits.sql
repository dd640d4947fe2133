-- Owner-set spending limits per account (minor units of the account's currency; null = no limit). A raise waits
-- 24 h (the account-takeover window): the whole requested set sits in pending_* until pending_effective_at, and from
-- then on counts as the limits (read-time, so no job has to move it). Lowering applies at once to the current set.
CREATE TABLE account_limits (
    account_id            text PRIMARY KEY REFERENCES accounts (id),
    per_transfer          bigint CHECK (per_transfer > 0),
    daily                 bigint CHECK (daily > 0),
    monthly               bigint CHECK (monthly > 0),
    pending_per_transfer  bigint CHECK (pending_per_transfer > 0),
    pending_daily         bigint CHECK (pending_daily > 0),
    pending_monthly       bigint CHECK (pending_monthly > 0),
    pending_effective_at  timestamptz,
    updated_at            timestamptz NOT NULL
);

