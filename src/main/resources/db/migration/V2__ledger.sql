-- Ledger: accounts with balances, immutable transfers, two entries per transfer, holds, idempotency keys.
-- Every money rule the code enforces is backed here too, so a bug in the code cannot silently corrupt the books.

CREATE TABLE accounts (
    id              text PRIMARY KEY,
    owner_id        text REFERENCES users (id),        -- null only for system (settlement) accounts
    kind            text NOT NULL CHECK (kind IN ('customer', 'merchant', 'system')),
    currency        char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'closed')),
    ledger_balance  bigint NOT NULL DEFAULT 0,        -- signed minor units; system accounts go negative
    pending         bigint NOT NULL DEFAULT 0 CHECK (pending >= 0),   -- sum of open holds
    entry_count     bigint NOT NULL DEFAULT 0 CHECK (entry_count >= 0), -- entries are numbered 1..entry_count
    created_at      timestamptz NOT NULL,
    CHECK ((kind = 'system') = (owner_id IS NULL)),
    -- Customers and merchants never go below zero available (ledger - pending).
    CHECK (kind = 'system' OR ledger_balance - pending >= 0)
);
CREATE INDEX accounts_by_owner ON accounts (owner_id, created_at);
CREATE UNIQUE INDEX one_settlement_account_per_currency ON accounts (currency) WHERE kind = 'system';

CREATE TABLE transfers (
    id               text PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('transfer', 'deposit', 'withdrawal', 'payment', 'refund')),
    from_account_id  text NOT NULL REFERENCES accounts (id),
    to_account_id    text NOT NULL REFERENCES accounts (id),
    amount           bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
    currency         char(3) NOT NULL,
    description      text CHECK (length(description) <= 500),
    initiated_by     text,                              -- the user (or merchant) who asked for it
    reference        text CHECK (length(reference) <= 200),
    created_at       timestamptz NOT NULL,
    CHECK (from_account_id <> to_account_id)
);

-- Exactly one debit and one credit per transfer (the primary key allows no third), signed by side.
CREATE TABLE entries (
    transfer_id    text NOT NULL REFERENCES transfers (id),
    side           text NOT NULL CHECK (side IN ('debit', 'credit')),
    account_id     text NOT NULL REFERENCES accounts (id),
    entry_no       bigint NOT NULL CHECK (entry_no > 0),  -- per account, contiguous from 1
    amount         bigint NOT NULL CHECK ((side = 'debit' AND amount < 0) OR (side = 'credit' AND amount > 0)),
    balance_after  bigint NOT NULL,                       -- the account's ledger balance after this entry
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (transfer_id, side),
    UNIQUE (account_id, entry_no)
);
CREATE INDEX entries_by_account_time ON entries (account_id, created_at);

-- Two-phase payments: a hold reserves money (accounts.pending) until it is captured, voided or expires.
CREATE TABLE holds (
    id                  text PRIMARY KEY,
    account_id          text NOT NULL REFERENCES accounts (id),
    to_account_id       text NOT NULL REFERENCES accounts (id),
    amount              bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
    currency            char(3) NOT NULL,
    status              text NOT NULL CHECK (status IN ('pending', 'captured', 'voided', 'expired')),
    captured_amount     bigint NOT NULL DEFAULT 0 CHECK (captured_amount >= 0 AND captured_amount <= amount),
    capture_transfer_id text REFERENCES transfers (id),
    reference           text,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    ended_at            timestamptz,
    CHECK (account_id <> to_account_id),
    CHECK ((status = 'pending') = (ended_at IS NULL)),
    CHECK ((status = 'captured') = (capture_transfer_id IS NOT NULL))
);
CREATE INDEX holds_pending_by_expiry ON holds (expires_at) WHERE status = 'pending';
CREATE INDEX holds_by_account ON holds (account_id) WHERE status = 'pending';

-- Idempotency keys: the stored answer commits in the same transaction as the change it describes.
CREATE TABLE idempotency_keys (
    scope            text NOT NULL,                     -- the caller (user id)
    key              text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash     bytea NOT NULL,                    -- SHA-256 of method, path and body
    response_status  int NOT NULL,
    response_body    text NOT NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Transfers and entries are history: never edited, never deleted.
CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON transfers
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER transfers_no_truncate BEFORE TRUNCATE ON transfers
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- At commit, each new transfer has its debit on the source and its credit on the target, of its exact amount:
-- with the primary key above, every transfer's entries sum to zero.
CREATE FUNCTION check_transfer_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    matching int;
BEGIN
    SELECT count(*) INTO matching FROM entries e
    WHERE e.transfer_id = NEW.id
      AND ((e.side = 'debit' AND e.account_id = NEW.from_account_id AND e.amount = -NEW.amount)
        OR (e.side = 'credit' AND e.account_id = NEW.to_account_id AND e.amount = NEW.amount));
    IF matching <> 2 THEN
        RAISE EXCEPTION 'transfer % is not balanced by exactly one debit and one credit', NEW.id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER transfers_balanced AFTER INSERT ON transfers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_transfer_entries();

-- At commit, an account's balance is the balance after its last entry: balances move only with entries.
CREATE FUNCTION check_account_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_balance bigint;
BEGIN
    IF NEW.entry_count = 0 THEN
        last_balance := 0;
    ELSE
        SELECT balance_after INTO last_balance FROM entries
        WHERE account_id = NEW.id AND entry_no = NEW.entry_count;
    END IF;
    IF last_balance IS DISTINCT FROM NEW.ledger_balance THEN
        RAISE EXCEPTION 'account % balance % does not match its last entry (%)', NEW.id, NEW.ledger_balance, last_balance;
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER accounts_balance_matches_entries AFTER UPDATE ON accounts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.ledger_balance IS DISTINCT FROM NEW.ledger_balance OR OLD.entry_count IS DISTINCT FROM NEW.entry_count)
    EXECUTE FUNCTION check_account_balance();

-- Accounts are never deleted, and who owns one, its currency and its kind never change.
CREATE FUNCTION forbid_account_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.owner_id IS DISTINCT FROM OLD.owner_id OR NEW.currency <> OLD.currency
       OR NEW.kind <> OLD.kind OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'account % may not change its id, owner, currency, kind or creation time', OLD.id;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER accounts_identity_fixed BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION forbid_account_identity_change();
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
