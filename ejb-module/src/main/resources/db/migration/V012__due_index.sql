-- The delivery poller's question (Claims.due): the oldest due deliveries nobody holds, of the webhooks this instance is
-- not backlogged on. With (status, next_attempt_at) MariaDB read every due row through that index, looked each one up
-- in the table for its lease and webhook, joined the webhook and sorted them all, every second: with a backlog of
-- tens of thousands for one slow endpoint, tens of thousands of lookups a second (README's known issue until
-- 2026-12-03). This index answers it alone, in its order, and stops at the batch: no lookups, no sort. An open
-- delivery always has a next attempt time and a finished one never, so the status need not be asked, and the
-- engine's other open-delivery questions (EngineMetrics) read this index too: it replaces (status, next_attempt_at),
-- so an insert and a record write as many indexes as before; a claim's or hand-over's lease writes it as well.
CREATE INDEX ix_delivery_due_at ON delivery (next_attempt_at, lease_until, webhook_ref);
DROP INDEX ix_delivery_due ON delivery;
