-- Reports -> Webhooks Logs: every filter of the report is answered from one index of the delivery table,
-- newest first, without touching the millions of rows it does not show. The event's search keys are
-- copied onto its deliveries (events are immutable, so the copies never go stale).
ALTER TABLE delivery ADD COLUMN event_type VARCHAR(32);
ALTER TABLE delivery ADD COLUMN call_id BIGINT;
ALTER TABLE delivery ADD COLUMN lead_id BIGINT;
ALTER TABLE delivery ADD COLUMN phone VARCHAR(32);
UPDATE delivery SET event_type = (SELECT e.event_type FROM inbound_event e WHERE e.id = delivery.event_ref), call_id = (SELECT e.call_id FROM inbound_event e WHERE e.id = delivery.event_ref), lead_id = (SELECT e.lead_id FROM inbound_event e WHERE e.id = delivery.event_ref), phone = (SELECT e.phone FROM inbound_event e WHERE e.id = delivery.event_ref);
CREATE INDEX ix_delivery_log_status ON delivery (account_ref, status, created_at);
CREATE INDEX ix_delivery_log_webhook ON delivery (account_ref, webhook_ref, created_at);
CREATE INDEX ix_delivery_log_event ON delivery (account_ref, event_type, created_at);
CREATE INDEX ix_delivery_log_call ON delivery (account_ref, call_id, created_at);
CREATE INDEX ix_delivery_log_lead ON delivery (account_ref, lead_id, created_at);
CREATE INDEX ix_delivery_log_phone ON delivery (account_ref, phone, created_at);
-- Rejected events of an account, newest first (the report's "Rejected" status).
CREATE INDEX ix_event_account_status ON inbound_event (account_id, status, received_at);

-- The body as sent when it differs from the event payload (API key in the body), with the key masked;
-- null means the body was the payload as received.
ALTER TABLE delivery_attempt ADD COLUMN request_body MEDIUMTEXT;
-- When the attempt failed and another was planned: the report's timeline shows it.
ALTER TABLE delivery_attempt ADD COLUMN next_attempt_at DATETIME(3);
