-- Four eyes: an admin deposit or withdrawal at or above coffer.admin.approval-threshold waits here until a second,
-- different admin approves (then it posts, once) or someone rejects it.
CREATE TABLE admin_approvals (
    id            text PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('deposit', 'withdrawal')),
    account_id    text NOT NULL REFERENCES accounts (id),
    amount        bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
    currency      char(3) NOT NULL,
    reference     text CHECK (length(reference) <= 200),
    requested_by  text NOT NULL REFERENCES users (id),
    requested_at  timestamptz NOT NULL,
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'failed')),
    decided_by    text REFERENCES users (id),
    decided_at    timestamptz,
    transfer_id   text REFERENCES transfers (id),
    failure_code  text,
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK (status <> 'approved' OR transfer_id IS NOT NULL)
);
CREATE INDEX admin_approvals_pending ON admin_approvals (requested_at) WHERE status = 'pending';
CREATE INDEX admin_approvals_by_time ON admin_approvals (requested_at);
