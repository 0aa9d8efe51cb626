-- Webhook Settings: deleting keeps the delivery history (soft delete); signing secret rotation keeps the
-- previous secret signing for a while, so receivers can switch without a gap.
ALTER TABLE webhook ADD COLUMN deleted_at DATETIME(3);
ALTER TABLE webhook ADD COLUMN signing_secret_prev_enc VARCHAR(512);
ALTER TABLE webhook ADD COLUMN signing_secret_prev_until DATETIME(3);
