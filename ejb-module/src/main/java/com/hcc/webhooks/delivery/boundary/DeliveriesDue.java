package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.AttemptTrace;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import java.time.Instant;
import java.util.List;

/**
 * Deliveries that can go now: new ones from the intake, or the next of an ordered sequence whose predecessor
 * finished. Fired inside a transaction and observed after it commits, so only stored state is acted on.
 * Each carries its webhook, so a worker can tell whether the webhook has a free slot before it claims.
 */
public record DeliveriesDue(List<Due> due) {

    /**
     * One delivery to wake, and the webhook it goes to. {@code prepared} is set when the intake already leased
     * the delivery to this instance and built its request (Claims.prepare): the worker sends it without
     * a claim.
     */
    public record Due(long id, long webhookId, Prepared prepared) {

        public Due(long id, long webhookId) {
            this(id, webhookId, null);
        }
    }

    /**
     * A request ready to send, until when this instance's lease on the delivery holds, what its attempt's span
     * needs, and the delivery's order (null when unordered), which its record locks before it reads anything.
     */
    public record Prepared(OutboundRequest request, Instant leaseUntil, AttemptTrace trace, String orderingKey) {
    }

    public static DeliveriesDue of(long webhookId, List<Long> ids) {
        return new DeliveriesDue(ids.stream().map(id -> new Due(id, webhookId)).toList());
    }
}
