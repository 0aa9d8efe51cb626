-- Engine: ordering per call, per-webhook limits, failing webhooks.

-- Deliveries with the same ordering key go out one at a time, in id (= received) order.
ALTER TABLE delivery ADD COLUMN ordering_key VARCHAR(100);
-- When the current or last attempt was claimed: the per-second limit counts these.
ALTER TABLE delivery ADD COLUMN claimed_at DATETIME(3);
CREATE INDEX ix_delivery_ordering ON delivery (ordering_key, status, id);
CREATE INDEX ix_delivery_claimed ON delivery (webhook_ref, claimed_at);
CREATE INDEX ix_delivery_leased ON delivery (webhook_ref, lease_until);

-- Since when every attempt of this webhook has failed (null while it succeeds): drives auto-disable.
ALTER TABLE webhook ADD COLUMN failing_since DATETIME(3);
