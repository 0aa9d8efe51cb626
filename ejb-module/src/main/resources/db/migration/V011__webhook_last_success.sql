-- The webhook health review (WebhookHealth, every five minutes on every instance) asks, for each enabled webhook,
-- when its last delivery succeeded: the latest completed_at among its SUCCEEDED rows. With (webhook_ref, status)
-- MariaDB read every success the webhook ever had and sorted them: 438 ms for a webhook with 83,000 deliveries
-- (docs/performance.md, 2026-12-03 fifth part), growing with the log. This index answers it from its last entry
-- (0.04 ms). It replaces (webhook_ref, status), its prefix, so a delivery's writes keep the same number of indexes.
CREATE INDEX ix_delivery_webhook_done ON delivery (webhook_ref, status, completed_at);
DROP INDEX ix_delivery_webhook ON delivery;
