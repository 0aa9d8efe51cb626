package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.AttemptResult;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import com.hcc.webhooks.delivery.control.OutcomePolicy;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryAttempt;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.Jsons;
import com.hcc.webhooks.webhooks.entity.Webhook;
import com.hcc.webhooks.webhooks.entity.WebhookChange;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * Records attempts: each one's row, and what comes of its delivery (OutcomePolicy: done, retry at a time, failed
 * for good), in one transaction however many there are (Attempts records the outcomes that finish together as one
 * batch). It locks the orders of the deliveries first, then reads in one query every delivery of those orders
 * (the recorded ones among them) with webhook and event; deliveries without an order are read by id. They are
 * written in id order. The next delivery of each order finished here is handed over in the same transaction
 * (Claims.handOver), from what that read holds: it goes without a claim of its own.
 */
@Stateless
public class Records {

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Inject
    EngineSettings settings;

    @Inject
    OrderGuard order;

    @Inject
    EngineMetrics metrics;

    @EJB
    Claims claims;

    @Inject
    Event<DeliveriesDue> deliveriesDue;

    /** A webhook disabled by a 410: an operational notification to its account (events' Notifications). */
    @Inject
    Event<WebhookChange> changes;

    /** A request that was sent (to a delivery of this order, or null when unordered), and what came of it. */
    public record Outcome(long id, String orderingKey, OutboundRequest request, AttemptResult result) {
    }

    /**
     * @param keepingUp whether this instance keeps up with a webhook: the next delivery of an order finished here
     *                  is then handed to it leased, with its request built ({@link Claims#handOver}), not only
     *                  woken to be claimed
     */
    public void record(List<Outcome> outcomes, LongPredicate keepingUp) {
        Map<Long, Outcome> byId = new TreeMap<>();
        outcomes.forEach(o -> byId.put(o.id(), o));
        Map<Long, Delivery> read = order.lockAndRead(outcomes.stream().map(Outcome::orderingKey).toList());
        List<Long> unordered = byId.keySet().stream().filter(id -> !read.containsKey(id)).toList();
        if (!unordered.isEmpty()) {
            em.createNamedQuery(Delivery.FIND_WITH_WEBHOOK, Delivery.class).setParameter("ids", unordered)
                    .getResultStream().forEach(d -> read.put(d.getId(), d));
        }
        List<Delivery> deliveries = byId.keySet().stream().map(read::get).filter(Objects::nonNull).toList();
        for (Delivery d : deliveries) {
            Outcome o = byId.get(d.getId());
            record(d, o.request(), o.result());
        }
        // the orders as they stand now: what the read found, with what this record has changed
        OrderGuard.Orders orders = OrderGuard.Orders.of(read.values());
        List<OrderGuard.Next> next = new ArrayList<>();
        for (Delivery d : deliveries) {
            order.nextInOrder(d, orders).filter(n -> !byId.containsKey(n.id())).ifPresent(next::add);
        }
        if (!next.isEmpty()) {
            deliveriesDue.fire(new DeliveriesDue(claims.handOver(next, read, keepingUp, Instant.now())));
        }
    }

    /**
     * A "Send test" that was sent: its delivery (made here, the webhook's first and only attempt) and the attempt,
     * recorded as any delivery's, but done whatever came of it: a test is never retried, and a 410 answer to a
     * test does not disable the webhook.
     */
    public void recordTest(Delivery d, OutboundRequest request, AttemptResult result) {
        em.persist(d);
        DeliveryAttempt attempt = attempt(d, request, result);
        Instant now = Instant.now();
        if (result.succeeded()) {
            d.succeeded(result.status(), result.durationMs(), now);
        } else {
            d.failed(result.status(), result.errorMessage(), result.durationMs(), null, now);
        }
        em.persist(attempt);
    }

    /** The row of an attempt: what was sent (secrets masked) and what came back. */
    private static DeliveryAttempt attempt(Delivery d, OutboundRequest request, AttemptResult result) {
        DeliveryAttempt attempt = new DeliveryAttempt(d, d.getAttempts() + 1, result.startedAt(), result.durationMs(),
                request.method(), d.getWebhook().getTargetUrl(), Jsons.object(request.maskedHeaders()));
        if (result.status() != null) {
            attempt.response(result.status(), Jsons.headers(result.responseHeaders()), result.responseBody(),
                    result.succeeded());
        }
        if (!result.succeeded()) {
            attempt.error(result.errorClass(), result.errorMessage());
        }
        attempt.sentBody(request.maskedBody());
        return attempt;
    }

    private void record(Delivery d, OutboundRequest request, AttemptResult result) {
        Instant now = Instant.now();
        int attemptNo = d.getAttempts() + 1;
        DeliveryAttempt attempt = attempt(d, request, result);
        em.persist(attempt);

        if (d.getWebhook().getMaxPerSecond() != null) {
            d.requestEnded(now); // its rate limit counts it until a second from now (Limits)
        }
        OutcomePolicy.Decision decision = OutcomePolicy.decide(result, attemptNo, now, settings.schedule());
        switch (decision.next()) {
            case SUCCEEDED -> d.succeeded(result.status(), result.durationMs(), now);
            case GONE -> {
                Webhook w = d.getWebhook();
                if (w.isEnabled()) { // announced once, however many of its deliveries hear 410
                    w.disable(OutcomePolicy.goneReason(now));
                    changes.fire(new WebhookChange(w, EventType.WEBHOOK_DISABLED, w.getDisabledReason(),
                            w.getFailingSince(), now));
                }
                d.failed(410, result.errorMessage(), result.durationMs(), null, now);
            }
            case FAILED -> d.failed(result.status(), result.errorMessage(), result.durationMs(), null, now);
            case RETRY -> {
                d.failed(result.status(), result.errorMessage(), result.durationMs(), decision.retryAt(), now);
                attempt.retryAt(decision.retryAt());
            }
        }
        metrics.delivery(d.getStatus() == DeliveryStatus.SUCCEEDED ? "succeeded"
                : d.getStatus() == DeliveryStatus.FAILED ? "failed" : "retrying", result.durationMs());
    }
}
