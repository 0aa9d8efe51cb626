-- Per-call order as the producer sent it (docs/delivery.md, "Ordered per call"): deliveries sharing an ordering
-- key go in the order of order_seq (the event's life-cycle rank, then its publish time; then id), no longer in
-- id order, which was only the order in which intakes happened to commit. order_expects: the earlier stages of
-- the call the delivery is held for at its endpoint (a bit per rank); order_note: what of the order could not
-- be kept. Open deliveries stored before this have no position and go first, in id order, as before.
ALTER TABLE delivery ADD COLUMN order_seq BIGINT;
ALTER TABLE delivery ADD COLUMN order_expects INT;
ALTER TABLE delivery ADD COLUMN order_note VARCHAR(200);
