-- Pending holds by account and expiry. A hold stops counting against available at expires_at, before the release job
-- ends it: balance reads subtract an account's pending holds already past their expiry, and the ledger engine finds
-- and releases those holds on the accounts it locks. Both ask for this account's pending holds with
-- expires_at <= now, a range on this index that is almost always empty. It covers holds_by_account (account_id
-- only), which it replaces.
--
-- Built CONCURRENTLY so transfers and payments are not blocked meanwhile (docs/operations.md, migrations): Flyway runs
-- a migration made only of such statements outside a transaction (with spring.flyway.postgresql.transactional-lock
-- off, or the build would wait forever for Flyway's own lock transaction). A build cut short leaves an invalid index
-- and Flyway runs the migration again, so it starts afresh.
DROP INDEX CONCURRENTLY IF EXISTS holds_pending_by_account_expiry;
CREATE INDEX CONCURRENTLY holds_pending_by_account_expiry ON holds (account_id, expires_at) WHERE status = 'pending';
DROP INDEX CONCURRENTLY IF EXISTS holds_by_account;
