package com.hcc.webhooks.delivery.entity;

/** Where one delivery (one event to one webhook) stands. */
public enum DeliveryStatus {
    /** Not attempted yet. */
    PENDING,
    /** Attempted and failed; another attempt is due at nextAttemptAt. */
    RETRYING,
    /** A 2xx answer was received. Terminal. */
    SUCCEEDED,
    /** Given up: attempts exhausted, or a failure that is not retried. Terminal. */
    FAILED;

    /** The statuses of a delivery that is not done: the one list the engine's and the reports' queries use. */
    public static final java.util.List<DeliveryStatus> OPEN = java.util.List.of(PENDING, RETRYING);

    /** The statuses of a delivery that is done (the terminal ones). */
    public static final java.util.List<DeliveryStatus> FINISHED = java.util.List.of(SUCCEEDED, FAILED);

    public boolean isTerminal() {
        return FINISHED.contains(this);
    }
}
