-- A manual-capture payment's deadline: its hold's expires_at, shown as captureBefore while it requires capture.
-- Kept on the payment (set with the hold, never changed) so the payments module reads its own table, not the
-- ledger's. Additive: a nullable column (automatic-capture payments have no hold, so no deadline) and a backfill of
-- the payments that have a hold.
-- LOCAL: Flyway may run on a pooled connection the application uses afterwards.
SET LOCAL lock_timeout = '5s';

ALTER TABLE payments ADD COLUMN capture_before timestamptz;

UPDATE payments p SET capture_before = h.expires_at
FROM holds h
WHERE h.id = p.hold_id AND p.capture_before IS NULL;
