-- History pages find a date range's first and last entry numbers with one index probe each (O(log n)), then page
-- by entry number on UNIQUE (account_id, entry_no): O(page) whatever the account's size. Many entries share one
-- created_at (a group commit stamps its whole batch), so the entry number is part of the key to break the ties.
DROP INDEX entries_by_account_time;
CREATE INDEX entries_by_account_time ON entries (account_id, created_at, entry_no);
