-- What an account with limits spent in the current UTC day and month, kept as data: the ledger engine reads it right
-- after taking the account lock and writes it in the same transaction as the postings, so the limit check costs a
-- primary-key read, whatever the account's history. Started from the ledger's own rows when limits are first set.
CREATE TABLE account_spending (
    account_id   text PRIMARY KEY REFERENCES accounts (id),
    day          date NOT NULL,
    spent_day    bigint NOT NULL CHECK (spent_day >= 0),
    month        date NOT NULL,
    spent_month  bigint NOT NULL CHECK (spent_month >= 0)
);
