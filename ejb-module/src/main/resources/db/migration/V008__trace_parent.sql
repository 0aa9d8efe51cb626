-- Traces (docs/operations.md, "Traces (OpenTelemetry)"): the W3C traceparent of the intake span that created the
-- delivery ("00-" + 32 hex trace id + "-" + 16 hex span id + "-" + 2 hex flags: 55 characters), so that every
-- attempt, a retry hours later or one made by another instance, joins the event's trace. NULL when traces were
-- off at intake (the attempt is then a trace of its own, or not traced at all).
ALTER TABLE delivery ADD COLUMN trace_parent VARCHAR(55);
