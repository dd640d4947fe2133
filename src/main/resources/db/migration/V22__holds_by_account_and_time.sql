-- Balances as of an instant sum the holds live then (created_at <= t < min(ended_at, expires_at)): one range scan of
-- the account's holds created up to t, answered from the index alone (the end times and amounts are included).
CREATE INDEX holds_by_account_time ON holds (account_id, created_at) INCLUDE (amount, expires_at, ended_at);
