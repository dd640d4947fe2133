-- Step-up asks "has this user paid this payee before?" for large transfers: one index probe per account of theirs.
-- Built CONCURRENTLY, like every index on a table that takes writes (see V6 on how Flyway runs it).
DROP INDEX CONCURRENTLY IF EXISTS transfers_by_payee_and_payer;
CREATE INDEX CONCURRENTLY transfers_by_payee_and_payer ON transfers (to_account_id, from_account_id);
