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

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
