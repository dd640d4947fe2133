-- History pages find a date range's first and last entry numbers with one index probe each (O(log n)), then page
-- by entry number on UNIQUE (account_id, entry_no): O(page) whatever the account's size. Many entries share one
-- created_at (a group commit stamps its whole batch), so the entry number is part of the key to break the ties.
-- Built CONCURRENTLY, like every index on a table that takes writes (see V6 on how Flyway runs it).
DROP INDEX CONCURRENTLY IF EXISTS entries_by_account_time_number;
CREATE INDEX CONCURRENTLY entries_by_account_time_number ON entries (account_id, created_at, entry_no);
DROP INDEX CONCURRENTLY IF EXISTS entries_by_account_time;
