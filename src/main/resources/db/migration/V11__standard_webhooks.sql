-- Standard Webhooks: every delivery to an endpoint carries a sequence number, 1, 2, 3, … per endpoint with no
-- gaps, so a receiver tells a missed event from a late one. The counter lives on the endpoint row and is taken in
-- the transaction that creates the delivery (a rolled-back change takes no number). A replay repeats the number of
-- the event's first delivery to that endpoint.
ALTER TABLE webhook_endpoints ADD COLUMN last_sequence bigint NOT NULL DEFAULT 0 CHECK (last_sequence >= 0);
ALTER TABLE webhook_deliveries ADD COLUMN sequence bigint CHECK (sequence > 0);

WITH numbered AS (
    SELECT id, row_number() OVER (PARTITION BY endpoint_id ORDER BY event_seq, created_at, id) AS n
    FROM webhook_deliveries WHERE NOT replay)
UPDATE webhook_deliveries d SET sequence = numbered.n FROM numbered WHERE d.id = numbered.id;
UPDATE webhook_endpoints e
SET last_sequence = coalesce((SELECT max(sequence) FROM webhook_deliveries d WHERE d.endpoint_id = e.id), 0);
UPDATE webhook_deliveries r SET sequence = o.sequence
FROM webhook_deliveries o
WHERE r.replay AND NOT o.replay AND o.endpoint_id = r.endpoint_id AND o.event_seq = r.event_seq;
-- Replays of events never delivered to that endpoint before take the next numbers.
WITH numbered AS (
    SELECT r.id, e.last_sequence + row_number() OVER (PARTITION BY r.endpoint_id ORDER BY r.created_at, r.id) AS n
    FROM webhook_deliveries r JOIN webhook_endpoints e ON e.id = r.endpoint_id
    WHERE r.sequence IS NULL)
UPDATE webhook_deliveries d SET sequence = numbered.n FROM numbered WHERE d.id = numbered.id;
UPDATE webhook_endpoints e
SET last_sequence = coalesce((SELECT max(sequence) FROM webhook_deliveries d WHERE d.endpoint_id = e.id), 0);

ALTER TABLE webhook_deliveries ALTER COLUMN sequence SET NOT NULL;
CREATE UNIQUE INDEX webhook_deliveries_one_per_sequence ON webhook_deliveries (endpoint_id, sequence) WHERE NOT replay;
-- Retention: events older than the retention (30 days) are deleted with their deliveries, oldest first.
CREATE INDEX events_by_age ON events (created_at);
