package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.credentials.entity.AccessCredential;
import com.hcc.webhooks.delivery.control.AttemptResult;
import com.hcc.webhooks.delivery.control.AttemptTrace;
import com.hcc.webhooks.delivery.control.CallOrder;
import com.hcc.webhooks.delivery.control.CredentialSpec;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import com.hcc.webhooks.delivery.control.RequestBuilder;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryAttempt;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.delivery.entity.ErrorClass;
import com.hcc.webhooks.platform.control.SecretBox;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.json.JsonObjectBuilder;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The delivery engine's short transactions: claim a delivery and build its request; record an attempt's
 * outcome. The HTTP call happens between them, outside any transaction (DeliveryWorker).
 */
@Stateless
public class DeliveryStore {

    public static final String ACCESS_SECRET = "access.secret";
    public static final String SIGNING_SECRET = "webhook.signing";
    static final List<DeliveryStatus> OPEN = List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING);
    /** Rows of the ordering_lock table (migration V006). */
    static final int ORDERING_LOCKS = 1024;
    private static final Logger LOG = Logger.getLogger(DeliveryStore.class.getName());

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Inject
    SecretBox secrets;

    @Inject
    EngineSettings settings;

    @Inject
    Event<DeliveriesDue> deliveriesDue;

    @Inject
    EngineMetrics metrics;

    @Inject
    Dispatcher dispatcher;

    /** How much is waiting, for the metrics. */
    public record Backlog(long open, long oldestAgeSeconds) {
    }

    public Backlog backlog() {
        long open = em.createNamedQuery(Delivery.COUNT_OPEN, Long.class).setParameter("open", OPEN).getSingleResult();
        long age = em.createNamedQuery(Delivery.OLDEST_OPEN, Instant.class).setParameter("open", OPEN).setMaxResults(1)
                .getResultStream().findFirst().map(t -> Duration.between(t, Instant.now()).toSeconds()).orElse(0L);
        return new Backlog(open, Math.max(0, age));
    }

    /**
     * Due deliveries, oldest first, leaving out the webhooks this instance cannot take more of right now (their
     * queue is long): otherwise one backlogged webhook's oldest rows would fill every poll and starve the others.
     */
    public List<DeliveriesDue.Due> due(int limit, java.util.Set<Long> busyWebhooks) {
        return em.createNamedQuery(Delivery.FIND_DUE, Object[].class)
                .setParameter("open", OPEN)
                .setParameter("now", Instant.now())
                .setParameter("busy", busyWebhooks.isEmpty() ? List.of(-1L) : List.copyOf(busyWebhooks))
                .setMaxResults(limit)
                .getResultStream().map(DeliveryStore::due).toList();
    }

    private static DeliveriesDue.Due due(Object[] idAndWebhook) {
        return new DeliveriesDue.Due((Long) idAndWebhook[0], (Long) idAndWebhook[1]);
    }

    /** What a claim came to. */
    public sealed interface Claim permits Send, Deferred, Nothing {
    }

    /** The lease is ours: send this request (its attempt traced as {@code trace} says). */
    public record Send(OutboundRequest request, AttemptTrace trace) implements Claim {
    }

    /** A limit holds the delivery up until the given time; it is due again then. */
    public record Deferred(Instant until) implements Claim {
    }

    /** Nothing to do here: another worker has it, it is done, it waits for an earlier one, or it was failed. */
    public record Nothing() implements Claim {
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
        // Claims of one limited webhook queue on its lock row, taken before the delivery row. Not the webhook's
        // own row: a record changing a delivery's status takes a shared lock on that row (MariaDB checks the
        // foreign key of every index holding webhook_ref), which deadlocked with claims holding it.
        if (w.hasLimits()) {
            lock(List.of(limitKey(w)));
        }
        int claimed = em.createNamedQuery(Delivery.CLAIM)
                .setParameter("owner", owner)
                .setParameter("until", now.plus(settings.lease()))
                .setParameter("id", id)
                .setParameter("webhook", w)
                .setParameter("open", OPEN)
                .setParameter("now", now)
                .executeUpdate();
        if (claimed == 0) {
            return new Nothing();
        }
        Delivery d = em.createNamedQuery(Delivery.FIND_WITH_EVENT, Delivery.class).setParameter("id", id)
                .getSingleResult();
        if (inOrder(d, now) instanceof CallOrder.Wait wait) {
            // an earlier delivery of its call to this endpoint is not done (it wakes this one when it is), or an
            // earlier stage of the call has not arrived (it wakes this one, or the order wait runs out)
            d.defer(wait.until());
            return new Nothing();
        }
        if (!w.isEnabled()) {
            d.failed(null, "webhook was disabled before this delivery was sent", 0, null, now);
            wakeNextInOrder(d);
            return new Nothing();
        }
        Instant heldUntil = limitsHold(w, d, now);
        if (heldUntil != null) {
            d.defer(heldUntil);
            return new Deferred(heldUntil);
        }
        d.sending(now);
        try {
            return new Send(requestFor(w, d.getMessageId(), d.getEvent().getPayload(), now), trace(d));
        } catch (IllegalArgumentException | SecretBox.SecretException e) {
            DeliveryAttempt attempt = new DeliveryAttempt(d, d.getAttempts() + 1, now, 0,
                    w.getRequestMethod().name(), w.getTargetUrl(), "{}");
            attempt.error(ErrorClass.CONFIGURATION, e.getMessage());
            em.persist(attempt);
            d.failed(null, e.getMessage(), 0, null, now);
            wakeNextInOrder(d);
            LOG.warning(() -> "Delivery " + d.getMessageId() + " cannot be sent: " + e.getMessage());
            return new Nothing();
        }
    }

    /**
     * The intake's fast path, in the intake's transaction: a new delivery whose webhook has no limits, and keeps up
     * on this instance, is leased to this instance and its request is built, so no claim transaction is needed. The intake then asks
     * {@link #inOrder} once the delivery has its id, and gives the lease back when it must wait. Otherwise,
     * or when the request cannot be built, the delivery is left for a claim, which decides as usual (and records
     * why it cannot be sent).
     *
     * @return the prepared request, or null
     */
    public DeliveriesDue.Prepared prepare(Delivery d, Webhook w, String payload, Instant now) {
        if (w.hasLimits() || !dispatcher.keepingUp(w.getId())) {
            return null;
        }
        OutboundRequest request;
        try {
            request = requestFor(w, d.getMessageId(), payload, now);
        } catch (IllegalArgumentException | SecretBox.SecretException e) {
            return null;
        }
        Instant until = now.plus(settings.lease());
        d.leaseTo(settings.instanceId(), until, now);
        return new DeliveriesDue.Prepared(request, until, trace(d));
    }

    /** The next attempt of a delivery, for its span: the trace of the intake that made it, stored with it. */
    static AttemptTrace trace(Delivery d) {
        return new AttemptTrace(d.getEventType() == null ? null : d.getEventType().wireName(), d.getAttempts() + 1,
                d.getTraceParent());
    }

    /**
     * Locks the order (account, endpoint, call) of each delivery about to be stored or recorded, first thing in the
     * transaction. An intake takes it before it looks at the order, so intakes of one call decide one after the
     * other and each sees the ones before it; a record takes it before it finishes a delivery, so an intake of the
     * same call either sees that delivery done or is stored before the record looks for the next one to wake.
     * A fixed table of rows, picked by the key's hash (the same on every instance), always locked in ascending
     * order. (A locking read of the earlier delivery did this job before, and deadlocked with records: it locks the
     * ordering index before the row, an update the other way.)
     */
    public void lockOrders(List<Delivery> deliveries) {
        lock(deliveries.stream().map(Delivery::getOrderingKey).filter(java.util.Objects::nonNull).toList());
    }

    /** The key whose lock row serializes the claims of a webhook with limits (see {@link #claim}). */
    static String limitKey(Webhook w) {
        return "limits of webhook " + w.getId();
    }

    /** Locks the rows of ordering_lock that stand for these keys, in ascending order, until the commit. */
    private void lock(List<String> keys) {
        java.util.SortedSet<Integer> buckets = new java.util.TreeSet<>();
        for (String key : keys) {
            buckets.add(Math.floorMod(key.hashCode(), ORDERING_LOCKS));
        }
        if (buckets.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT bucket FROM ordering_lock WHERE bucket IN (");
        buckets.forEach(b -> sql.append(b).append(b.equals(buckets.last()) ? ")" : ", "));
        em.createNativeQuery(sql.append(" ORDER BY bucket FOR UPDATE").toString()).getResultList();
    }

    /**
     * Whether a delivery may go now as far as its call's order is concerned (CallOrder, docs/delivery.md "Ordered
     * per call"): every delivery before it in its order done, and every earlier stage of the call its endpoint
     * subscribes to arrived (or the order wait run out). One read of the order's few rows. When it goes in spite of
     * the order (an earlier stage never came, or came after a later one was sent) the delivery says so in its note.
     * Exact in an intake and a record, which hold the order's lock ({@link #lockOrders}); in a claim, an earlier
     * one being finished at that moment is still seen open, and wakes this one after its commit.
     */
    public CallOrder.Verdict inOrder(Delivery d, Instant now) {
        if (d.getOrderingKey() == null) {
            return GO;
        }
        List<Object[]> rows = orderOf(d.getOrderingKey());
        CallOrder.Verdict verdict = CallOrder.decide(row(d), d.getOrderExpects(), d.getCreatedAt(),
                rows.stream().map(DeliveryStore::row).toList(), now, settings.orderWait());
        if (verdict instanceof CallOrder.Go go && go.note() != null && !go.note().equals(d.getOrderNote())) {
            d.noteOrder(go.note());
            metrics.outOfOrder(go.note().startsWith("Sent without") ? "without_earlier" : "late");
            LOG.info(() -> "Delivery " + d.getMessageId() + ": " + go.note());
        }
        return verdict;
    }

    private static final CallOrder.Go GO = new CallOrder.Go(null);

    private List<Object[]> orderOf(String key) {
        return em.createNamedQuery(Delivery.FIND_ORDER, Object[].class).setParameter("key", key).getResultList();
    }

    private static CallOrder.Row row(Delivery d) {
        return new CallOrder.Row(d.getId(), d.getOrderSeq(), d.getStatus(), d.getNextAttemptAt(), d.getAttempts() > 0);
    }

    /**
     * A row of {@link Delivery#FIND_ORDER}: id, position, status, next attempt, attempts, webhook. "Started" counts
     * attempts made, not leases: a lease may be the intake's, on a delivery that has not gone.
     */
    private static CallOrder.Row row(Object[] r) {
        return new CallOrder.Row((Long) r[0], (Long) r[1], (DeliveryStatus) r[2], (Instant) r[3],
                ((Number) r[4]).intValue() > 0);
    }

    /** Gives back a lease taken by {@link #prepare} whose request was not sent: the poller finds it due again. */
    public void releaseLease(long id) {
        releaseLeases(List.of(id));
    }

    /**
     * Gives back this instance's leases on these deliveries, where it still holds them and they are open (a stop
     * lets go of the wake-ups it had not started: DeliveryWorker). One statement per thousand.
     *
     * @return how many leases were given back
     */
    public int releaseLeases(List<Long> ids) {
        int released = 0;
        for (int from = 0; from < ids.size(); from += 1000) {
            released += em.createNamedQuery(Delivery.RELEASE_LEASE)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .setParameter("owner", settings.instanceId()).setParameter("open", OPEN).executeUpdate();
        }
        return released;
    }

    /**
     * A webhook's own limits (max concurrent requests, max requests per second) hold across every instance:
     * the webhook's row is locked (in {@link #claim}) while its in-flight and recent claims are counted, so two
     * instances cannot both take the last slot. Webhooks without limits take no lock.
     *
     * @return when to try again, or null when the request may go now
     */
    private Instant limitsHold(Webhook w, Delivery d, Instant now) {
        if (!w.hasLimits()) {
            return null;
        }
        if (w.getMaxConcurrent() != null && em.createNamedQuery(Delivery.COUNT_IN_FLIGHT, Long.class)
                .setParameter("webhook", w).setParameter("now", now).setParameter("id", d.getId())
                .getSingleResult() >= w.getMaxConcurrent()) {
            return now.plusMillis(100);
        }
        Instant since = now.minusSeconds(1);
        if (w.getMaxPerSecond() != null && em.createNamedQuery(Delivery.COUNT_CLAIMED_SINCE, Long.class)
                .setParameter("webhook", w).setParameter("since", since).setParameter("id", d.getId())
                .getSingleResult() >= w.getMaxPerSecond()) {
            Instant oldest = em.createNamedQuery(Delivery.OLDEST_CLAIMED_SINCE, Instant.class).setParameter("webhook", w)
                    .setParameter("since", since).setMaxResults(1).getResultStream().findFirst().orElse(null);
            return dispatcher.pacer().slot(w.getId(), nextFreeSlot(oldest, now), w.getMaxPerSecond(), now);
        }
        return null;
    }

    /**
     * A webhook at its requests-per-second limit has a free slot again when the oldest request of the last second
     * leaves the window: waiting for that, rather than trying again every few milliseconds, keeps the deliveries
     * held up from each spending a claim transaction per try.
     */
    static Instant nextFreeSlot(Instant oldestInWindow, Instant now) {
        Instant soonest = now.plusMillis(20);
        if (oldestInWindow == null) {
            return soonest;
        }
        Instant free = oldestInWindow.plusSeconds(1).plusMillis(1);
        return free.isAfter(soonest) ? free : soonest;
    }

    /** When a delivery is done for good, the next one of its order may go. */
    private void wakeNextInOrder(Delivery d) {
        if (d.getOrderingKey() == null || !d.getStatus().isTerminal()) {
            return;
        }
        Map<Long, Long> webhookOf = new java.util.HashMap<>();
        List<CallOrder.Row> rows = new java.util.ArrayList<>();
        for (Object[] r : orderOf(d.getOrderingKey())) {
            rows.add(row(r));
            webhookOf.put((Long) r[0], (Long) r[5]);
        }
        CallOrder.next(row(d), rows).ifPresent(next -> deliveriesDue.fire(new DeliveriesDue(List.of(
                new DeliveriesDue.Due(next.id(), webhookOf.get(next.id()))))));
    }

    /**
     * The request a webhook sends for a payload: its method and target, its credential decrypted, signed with
     * its active secrets. The one place a request is made from a webhook (deliveries and "Send test").
     *
     * @throws IllegalArgumentException when the webhook cannot make a valid request (bad URL, credential)
     * @throws SecretBox.SecretException when a stored secret cannot be read
     */
    public OutboundRequest requestFor(Webhook w, String messageId, String payload, Instant now) {
        return RequestBuilder.build(messageId, w.getRequestMethod(), w.getTargetUrl(), payload,
                Duration.ofSeconds(w.getTimeoutSeconds()), credential(w.getAccess()), signingSecrets(w, now), now);
    }

    private CredentialSpec credential(AccessCredential c) {
        if (c == null) {
            return null;
        }
        // a token is cached per credential and per version of everything that makes it
        String cacheKey = c.getId() + ":" + java.util.Objects.hash(c.getSecretCiphertext(), c.getTokenUrl(),
                c.getScope(), c.getAudience(), c.getClientId());
        return new CredentialSpec(c.getType(), c.getAuthKeyName(), c.getClientId(),
                secrets.decrypt(c.getSecretCiphertext(), ACCESS_SECRET), c.getHeaderLocation(), c.getTokenUrl(),
                c.getScope(), c.getAudience(), cacheKey);
    }

    /** The current secret, and during a rotation's overlap the previous one too. */
    private List<String> signingSecrets(Webhook w, Instant now) {
        List<String> active = new java.util.ArrayList<>(2);
        if (w.getSigningSecretCiphertext() != null) {
            active.add(secrets.decrypt(w.getSigningSecretCiphertext(), SIGNING_SECRET));
        }
        if (w.getPreviousSecretCiphertext() != null && w.getPreviousSecretUntil() != null
                && now.isBefore(w.getPreviousSecretUntil())) {
            active.add(secrets.decrypt(w.getPreviousSecretCiphertext(), SIGNING_SECRET));
        }
        return active;
    }

    /** A request that was sent, and what came of it, to be recorded. */
    public record Outcome(long id, OutboundRequest request, AttemptResult result) {
    }

    /**
     * Records attempts, in one transaction however many there are (DeliveryWorker records the outcomes that finish
     * together as one batch), and decides for each what comes next: done, retry at a time, or failed for good.
     * The deliveries are read in one query and written in id order.
     */
    public void record(List<Outcome> outcomes) {
        Map<Long, Outcome> byId = new java.util.HashMap<>();
        outcomes.forEach(o -> byId.put(o.id(), o));
        List<Delivery> deliveries = em.createNamedQuery(Delivery.FIND_WITH_WEBHOOK, Delivery.class)
                .setParameter("ids", List.copyOf(byId.keySet())).getResultList();
        lockOrders(deliveries);
        for (Delivery d : deliveries) {
            Outcome o = byId.get(d.getId());
            record(d, o.request(), o.result());
        }
    }

    private void record(Delivery d, OutboundRequest request, AttemptResult result) {
        Instant now = Instant.now();
        int attemptNo = d.getAttempts() + 1;
        DeliveryAttempt attempt = new DeliveryAttempt(d, attemptNo, result.startedAt(), result.durationMs(),
                request.method(), d.getWebhook().getTargetUrl(), toJson(request.maskedHeaders()));
        if (result.status() != null) {
            attempt.response(result.status(), headersJson(result.responseHeaders()), result.responseBody(),
                    result.succeeded());
        }
        if (!result.succeeded()) {
            attempt.error(result.errorClass(), result.errorMessage());
        }
        attempt.sentBody(request.maskedBody());
        em.persist(attempt);

        if (result.succeeded()) {
            d.succeeded(result.status(), result.durationMs(), now);
        } else if (result.status() != null && result.status() == 410) {
            d.getWebhook().disable("The endpoint answered 410 Gone on " + now + ": it asked us to stop sending.");
            d.failed(410, result.errorMessage(), result.durationMs(), null, now);
        } else if (result.errorClass() == ErrorClass.CONFIGURATION || result.errorClass() == ErrorClass.BLOCKED) {
            // retrying cannot help until someone changes the webhook or the policy (then: resend)
            d.failed(null, result.errorMessage(), result.durationMs(), null, now);
        } else {
            Instant retryAt = settings.schedule().next(attemptNo, now, result.retryAfter()).orElse(null);
            d.failed(result.status(), result.errorMessage(), result.durationMs(), retryAt, now);
            attempt.retryAt(retryAt);
        }
        wakeNextInOrder(d);
        metrics.delivery(d.getStatus() == DeliveryStatus.SUCCEEDED ? "succeeded"
                : d.getStatus() == DeliveryStatus.FAILED ? "failed" : "retrying", result.durationMs());
    }

    private static String toJson(Map<String, String> headers) {
        JsonObjectBuilder b = Jsons.createObjectBuilder();
        headers.forEach(b::add);
        return b.build().toString();
    }

    private static String headersJson(Map<String, List<String>> headers) {
        JsonObjectBuilder b = Jsons.createObjectBuilder();
        headers.forEach((k, v) -> {
            if (!k.startsWith(":")) {
                b.add(k, String.join(", ", v));
            }
        });
        return b.build().toString();
    }
}
