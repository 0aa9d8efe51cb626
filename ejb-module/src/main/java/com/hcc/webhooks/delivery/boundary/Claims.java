package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.AttemptTrace;
import com.hcc.webhooks.delivery.control.CallOrder;
import com.hcc.webhooks.delivery.control.InLists;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryAttempt;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.delivery.entity.ErrorClass;
import com.hcc.webhooks.platform.control.SecretBox;
import com.hcc.webhooks.platform.entity.InstantConverter;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import java.util.logging.Logger;

/**
 * Who sends a delivery, by lease: the claim of a due delivery (a short transaction before its request goes), the
 * intake's lease on a new one that can go at once, the leases given back, and the poller's read of what is due.
 */
@Stateless
public class Claims {

    private static final Logger LOG = Logger.getLogger(Claims.class.getName());
    private static final Map<Integer, String> DUE_STATEMENTS = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Inject
    EngineSettings settings;

    @Inject
    OrderGuard order;

    @Inject
    Limits limits;

    @Inject
    Requests requests;

    /** What a claim came to. */
    public sealed interface Claim permits Send, Deferred, Nothing {
    }

    /** The lease is ours: send this request (its attempt traced as {@code trace} says). */
    public record Send(OutboundRequest request, AttemptTrace trace, String orderingKey) implements Claim {
    }

    /** A limit holds the delivery up until the given time; it is due again then. */
    public record Deferred(Instant until) implements Claim {
    }

    /** Nothing to do here: another worker has it, it is done, it waits for an earlier one, or it was failed. */
    public record Nothing() implements Claim {
    }

    /**
     * Due deliveries that nobody holds, oldest first, leaving out the webhooks this instance cannot take more of right
     * now (their queue is long): otherwise one backlogged webhook's oldest rows would fill every poll and starve the
     * others. Read from ix_delivery_due_at alone, in its order, up to {@code limit}: no row is looked up and nothing
     * sorted, however long the backlog (native: JPQL joins the webhook table for a delivery's webhook id). It starts
     * at 1970 because H2 starts an index at its first key otherwise, and the finished deliveries' NULLs come first.
     */
    public List<DeliveriesDue.Due> due(int limit, Set<Long> busyWebhooks) {
        List<Long> busy = InLists.padded(List.copyOf(busyWebhooks), -1L);
        Query q = em.createNativeQuery(DUE_STATEMENTS.computeIfAbsent(busy.size(), Claims::dueStatement))
                .setParameter(1, InstantConverter.toUtc(Instant.now())).setParameter(2, limit);
        for (int i = 0; i < busy.size(); i++) {
            q.setParameter(3 + i, busy.get(i));
        }
        return ((List<?>) q.getResultList()).stream().map(r -> (Object[]) r)
                .map(r -> new DeliveriesDue.Due(((Number) r[0]).longValue(), ((Number) r[1]).longValue())).toList();
    }

    /** The poller's statement with {@code busy} webhooks to leave out: ?1 now, ?2 the batch, ?3... the webhooks. */
    static String dueStatement(int busy) {
        return "SELECT id, webhook_ref FROM delivery WHERE next_attempt_at >= TIMESTAMP '1970-01-01 00:00:00'"
                + " AND next_attempt_at <= ?1"
                + " AND (lease_until IS NULL OR lease_until < ?1) AND webhook_ref NOT IN (" + InLists.placeholders(3, busy)
                + ") ORDER BY next_attempt_at LIMIT ?2";
    }

    /**
     * Takes the lease on a due delivery, checks that no earlier delivery of its order is open and that its
     * webhook's limits allow a request now, and builds the request. A handful of statements: the webhook (locked
     * only when it has limits), the lease update, the delivery with its event, the ordering check, and the status
     * written at commit.
     */
    public Claim claim(long id, long webhookId, String owner) {
        Instant now = Instant.now();
        Webhook w = em.find(Webhook.class, webhookId);
        if (w == null) {
            return new Nothing();
        }
        limits.lock(w);
        int claimed = em.createNamedQuery(Delivery.CLAIM)
                .setParameter("owner", owner)
                .setParameter("until", now.plus(settings.lease()))
                .setParameter("id", id)
                .setParameter("open", DeliveryStatus.OPEN)
                .setParameter("now", now)
                .executeUpdate();
        if (claimed == 0) {
            return new Nothing();
        }
        Delivery d = em.createNamedQuery(Delivery.FIND_WITH_EVENT, Delivery.class).setParameter("id", id)
                .getSingleResult();
        if (order.inOrder(d, now) instanceof CallOrder.Wait wait) {
            // an earlier delivery of its call to this endpoint is not done (it wakes this one when it is), or an
            // earlier stage of the call has not arrived (it wakes this one, or the order wait runs out)
            d.defer(wait.until());
            return new Nothing();
        }
        if (!w.isEnabled()) {
            d.failed(null, "webhook was disabled before this delivery was sent", 0, null, now);
            order.wakeNextInOrder(d);
            return new Nothing();
        }
        Instant heldUntil = limits.hold(w, d, now);
        if (heldUntil != null) {
            d.defer(heldUntil);
            return new Deferred(heldUntil);
        }
        d.sending(now);
        try {
            return new Send(requests.requestFor(w, d.getMessageId(), d.getEvent().getPayload(), now), trace(d),
                    d.getOrderingKey());
        } catch (IllegalArgumentException | SecretBox.SecretException e) {
            DeliveryAttempt attempt = new DeliveryAttempt(d, d.getAttempts() + 1, now, 0,
                    w.getRequestMethod().name(), w.getTargetUrl(), "{}");
            attempt.error(ErrorClass.CONFIGURATION, e.getMessage());
            em.persist(attempt);
            d.failed(null, e.getMessage(), 0, null, now);
            order.wakeNextInOrder(d);
            LOG.warning(() -> "Delivery " + d.getMessageId() + " cannot be sent: " + e.getMessage());
            return new Nothing();
        }
    }

    /**
     * The intake's fast path, in the intake's transaction: a new delivery whose webhook has no limits, and keeps up
     * on this instance, is leased to this instance and its request is built, so no claim transaction is needed.
     * Otherwise, or when the request cannot be built, the delivery is left for a claim, which decides as usual (and
     * records why it cannot be sent).
     *
     * @param keepingUp whether this instance's workers keep up with the webhook (Workers.keepingUp)
     * @return the prepared request, or null
     */
    public DeliveriesDue.Prepared prepare(Delivery d, Webhook w, String payload, Instant now, boolean keepingUp) {
        if (w.hasLimits() || !keepingUp) {
            return null;
        }
        OutboundRequest request;
        try {
            request = requests.requestFor(w, d.getMessageId(), payload, now);
        } catch (IllegalArgumentException | SecretBox.SecretException e) {
            return null;
        }
        Instant until = now.plus(settings.lease());
        d.leaseTo(settings.instanceId(), until, now);
        return new DeliveriesDue.Prepared(request, until, trace(d), d.getOrderingKey());
    }

    /**
     * A record's hand-over, in its transaction (which holds the orders' locks): the next delivery of an order the
     * record has just finished is leased to this instance and its request built, so it goes without a claim
     * transaction of its own (a claim is eight statements; this is one update for all of a record's hand-overs,
     * and a read only of those the record's own read did not hold). Only when a claim would send it at once: its
     * webhook enabled and without limits, this instance keeping up with it, its order letting it go, nobody holding
     * its lease. Anything else is only woken, and its claim decides as usual (and records why it cannot be sent).
     *
     * <p>The one update leases them all where nobody holds the lease. When it leases fewer than it was given,
     * another claim took one of them between this transaction's read and its update, and which one cannot be told
     * from the count: then the hand-over throws, the record's transaction is rolled back, and its outcomes are
     * recorded again one at a time (Attempts.recordBatch), where a hand-over leases one delivery or none.
     *
     * @param read      deliveries this transaction has read with their webhook and event, by id (Records' read of
     *                  the orders); any other is read here
     * @param keepingUp whether this instance keeps up with a webhook (Workers.keepingUp)
     * @return a wake-up for each, prepared where handed over
     * @throws IllegalStateException when another claim leased one of them first (see above)
     */
    public List<DeliveriesDue.Due> handOver(List<OrderGuard.Next> next, Map<Long, Delivery> read,
                                            LongPredicate keepingUp, Instant now) {
        Map<Long, OrderGuard.Next> byId = new LinkedHashMap<>();
        next.forEach(n -> byId.putIfAbsent(n.id(), n));
        List<Long> wanted = byId.values().stream().filter(n -> keepingUp.test(n.webhookId()))
                .map(OrderGuard.Next::id).toList();
        Map<Long, Delivery> sendable = new HashMap<>();
        List<Long> toRead = new ArrayList<>();
        for (Long id : wanted) {
            Delivery d = read.get(id);
            if (d != null) {
                sendable.put(id, d);
            } else {
                toRead.add(id);
            }
        }
        if (!toRead.isEmpty()) {
            em.createNamedQuery(Delivery.FIND_SENDABLE, Delivery.class).setParameter("ids", toRead)
                    .getResultStream().forEach(d -> sendable.put(d.getId(), d));
        }
        Instant until = now.plus(settings.lease());
        Map<Long, DeliveriesDue.Prepared> handed = new HashMap<>();
        for (OrderGuard.Next n : byId.values()) {
            Delivery d = sendable.get(n.id());
            OutboundRequest request = d == null ? null : requestToHandOver(d, n, now);
            if (request != null) {
                handed.put(n.id(), new DeliveriesDue.Prepared(request, until, trace(d), d.getOrderingKey()));
            }
        }
        if (!handed.isEmpty()) {
            int leased = em.createNamedQuery(Delivery.HAND_OVER)
                    .setParameter("owner", settings.instanceId())
                    .setParameter("until", until)
                    .setParameter("now", now)
                    .setParameter("ids", List.copyOf(handed.keySet()))
                    .setParameter("open", DeliveryStatus.OPEN)
                    .executeUpdate();
            if (leased != handed.size()) {
                if (handed.size() > 1) {
                    throw new IllegalStateException("Another claim leased " + (handed.size() - leased) + " of "
                            + handed.size() + " deliveries being handed over; the record is done again one by one");
                }
                handed.clear(); // the one delivery is someone else's: it is only woken
            }
        }
        List<DeliveriesDue.Due> due = new ArrayList<>(byId.size());
        for (OrderGuard.Next n : byId.values()) {
            due.add(new DeliveriesDue.Due(n.id(), n.webhookId(), handed.get(n.id())));
        }
        return due;
    }

    /** The request of a delivery that may be handed over now, or null when a claim has to decide on it. */
    private OutboundRequest requestToHandOver(Delivery d, OrderGuard.Next n, Instant now) {
        Webhook w = d.getWebhook();
        if (!w.isEnabled() || w.hasLimits() || d.getStatus().isTerminal()
                || d.getLeaseUntil() != null && !d.getLeaseUntil().isBefore(now)
                || !(order.inOrder(d, n.order(), now) instanceof CallOrder.Go)) {
            return null;
        }
        try {
            return requests.requestFor(w, d.getMessageId(), d.getEvent().getPayload(), now);
        } catch (IllegalArgumentException | SecretBox.SecretException e) {
            return null;
        }
    }

    /** The next attempt of a delivery, for its span: the trace of the intake that made it, stored with it. */
    static AttemptTrace trace(Delivery d) {
        return new AttemptTrace(d.getEventType() == null ? null : d.getEventType().wireName(), d.getAttempts() + 1,
                d.getTraceParent());
    }

    /**
     * Gives back this instance's leases on these deliveries, where it still holds them and they are open (a lease
     * the intake took for a request that was not sent; a stop lets go of the wake-ups it had not started). One
     * statement per thousand.
     *
     * @return how many leases were given back
     */
    public int releaseLeases(List<Long> ids) {
        int released = 0;
        for (int from = 0; from < ids.size(); from += 1000) {
            released += em.createNamedQuery(Delivery.RELEASE_LEASE)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .setParameter("owner", settings.instanceId()).setParameter("open", DeliveryStatus.OPEN)
                    .executeUpdate();
        }
        return released;
    }
}
