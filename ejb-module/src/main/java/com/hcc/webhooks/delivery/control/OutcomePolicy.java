package com.hcc.webhooks.delivery.control;

import com.hcc.webhooks.delivery.entity.ErrorClass;
import java.time.Instant;

/**
 * What an attempt's result means for its delivery: the outcome table of docs/delivery.md ("What counts as
 * delivered, and what is retried"), as one pure decision. The record of the attempt applies it.
 */
public final class OutcomePolicy {

    private OutcomePolicy() {
    }

    /** What comes next for the delivery. */
    public enum Next {
        /** A 2xx: done. */
        SUCCEEDED,
        /** 410 Gone: failed for good, and the webhook is disabled (the receiver asked us to stop). */
        GONE,
        /** Failed for good: nothing a retry can change (the request cannot be built, the address is not allowed), or no attempt left. */
        FAILED,
        /** Tried again at {@link Decision#retryAt}. */
        RETRY
    }

    /** The decision, and for {@link Next#RETRY} when. */
    public record Decision(Next next, Instant retryAt) {
    }

    /**
     * @param attemptsMade attempts made so far, this one included
     */
    public static Decision decide(AttemptResult result, int attemptsMade, Instant now, RetrySchedule schedule) {
        if (result.succeeded()) {
            return new Decision(Next.SUCCEEDED, null);
        }
        if (result.status() != null && result.status() == 410) {
            return new Decision(Next.GONE, null);
        }
        if (result.errorClass() == ErrorClass.CONFIGURATION || result.errorClass() == ErrorClass.BLOCKED) {
            // retrying cannot help until someone changes the webhook or the policy (then: resend)
            return new Decision(Next.FAILED, null);
        }
        return schedule.next(attemptsMade, now, result.retryAfter())
                .map(at -> new Decision(Next.RETRY, at))
                .orElse(new Decision(Next.FAILED, null));
    }

    /** The reason a webhook is disabled when its endpoint answers 410. */
    public static String goneReason(Instant now) {
        return "The endpoint answered 410 Gone at " + com.hcc.webhooks.platform.entity.InstantConverter.readable(now)
                + ": it asked us to stop sending.";
    }
}
