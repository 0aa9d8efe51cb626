package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.delivery.control.AttemptResult;
import com.hcc.webhooks.delivery.control.CallOrder;
import com.hcc.webhooks.delivery.control.MessageIds;
import com.hcc.webhooks.delivery.control.OrderingKeys;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import com.hcc.webhooks.delivery.control.RequestBuilder;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.events.entity.InboundEvent;
import com.hcc.webhooks.platform.control.Jsons;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import com.hcc.webhooks.platform.control.SecretBox;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery engine's one door: what the other features may ask of it (the architecture test holds them to it).
 * Fan out an accepted event to its webhooks, resend a delivery, recover a webhook's failed deliveries, show the
 * request a webhook would send, send a test, and say whether a URL may be a target. Everything behind it (workers,
 * claims, records, order, limits, the HTTP client) is the engine's own.
 */
@Stateless
public class Deliveries {

    static final int RECOVER_BATCH = 500;
    static final int TEST_BODY_CHARS = 2048;

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @EJB
    Accounts accounts;

    @EJB
    Claims claims;

    @EJB
    Records records;

    @Inject
    OrderGuard order;

    @Inject
    Workers workers;

    @Inject
    Requests requests;

    @Inject
    Sending sending;

    @Inject
    EngineSettings settings;

    @Inject
    Event<DeliveriesDue> deliveriesDue;

    @Resource
    SessionContext context;

    private Deliveries self;

    @PostConstruct
    void init() {
        self = context.getBusinessObject(Deliveries.class);
    }

    /** An accepted event to fan out: the webhooks it goes to, and every enabled webhook of its account. */
    public record Fan(InboundEvent event, List<Webhook> subscribed, List<Webhook> enabled, Instant publishedAt,
                      String traceParent) {
    }

    /**
     * The deliveries of the accepted events of one intake transaction (one event, or the JMS intake's group
     * commit): one per subscribed webhook, each with its place in its call's order (CallOrder: life-cycle stage,
     * publish time, or now when the producer's time is unknown) and what it waits for among the call's earlier
     * stages at the same endpoint ({@link Fan#enabled}: every enabled webhook of the account). The orders of all are
     * locked in one statement, in ascending order; two stages of one call in the same transaction see each other,
     * the later waiting for the earlier as it would in a later transaction. One that can go at once (webhook
     * without limits, this instance keeping up, nothing of its call open) is born leased to this instance with its
     * request built; all are woken together after the commit.
     *
     * @return how many deliveries were made
     */
    public int fanOut(List<Fan> fans) {
        Instant now = Instant.now();
        List<Delivery> deliveries = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (Fan f : fans) {
            InboundEvent event = f.event();
            long position = CallOrder.position(event.getEventType(),
                    f.publishedAt() != null && f.publishedAt().toEpochMilli() > 0 ? f.publishedAt() : now);
            for (Webhook w : f.subscribed()) {
                Delivery d = new Delivery(event, w, MessageIds.next(), now, OrderingKeys.of(w, event.getCallId()));
                d.placeInOrder(position, expected(d, event, f.enabled()));
                d.tracedBy(f.traceParent());
                deliveries.add(d);
                payloads.add(event.getPayload());
            }
        }
        int made = deliveries.size();
        if (made == 0) {
            return 0;
        }
        order.lockOrders(deliveries);
        List<DeliveriesDue.Prepared> prepared = new ArrayList<>(deliveries.size());
        List<Delivery> leased = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            Webhook w = d.getWebhook();
            DeliveriesDue.Prepared p = claims.prepare(d, w, payloads.get(i), now, workers.keepingUp(w.getId()));
            prepared.add(p);
            if (p != null) {
                leased.add(d);
            }
        }
        // decided before they are written: one that waits for an earlier one of its call is written waiting
        List<CallOrder.Verdict> verdicts = order.inOrderBeforeStored(deliveries, leased, now);
        for (int i = 0, v = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            if (prepared.get(i) != null && verdicts.get(v++) instanceof CallOrder.Wait wait) {
                d.defer(wait.until()); // the earlier one wakes it when done, or the order wait runs out
                prepared.set(i, null);
                deliveries.set(i, null);
            }
            em.persist(d); // its id now (the instance's block of the id sequence): in the order decided on
        }
        em.flush();
        List<DeliveriesDue.Due> due = new ArrayList<>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            if (d != null) {
                due.add(new DeliveriesDue.Due(d.getId(), d.getWebhook().getId(), prepared.get(i)));
            }
        }
        if (!due.isEmpty()) {
            deliveriesDue.fire(new DeliveriesDue(due));
        }
        return made;
    }

    /** The earlier stages of the call the delivery's endpoint is subscribed to, in its order (CallOrder). */
    private static int expected(Delivery d, InboundEvent event, List<Webhook> enabled) {
        if (d.getOrderingKey() == null || CallOrder.rank(event.getEventType()) <= 1) {
            return 0;
        }
        List<EventType> atEndpoint = new ArrayList<>();
        for (Webhook other : enabled) {
            if (other.getEvent() != event.getEventType()
                    && d.getOrderingKey().equals(OrderingKeys.of(other, event.getCallId()))) {
                atEndpoint.add(other.getEvent());
            }
        }
        return CallOrder.expected(event.getEventType(), atEndpoint);
    }

    /**
     * Sends one delivery again now, with the same webhook-id. Refused (409) for a rejected event ({@code rej_<n>}),
     * a test, a deleted or disabled webhook, and a delivery being sent right now; 404 for what is not the account's.
     */
    public void resend(String accountId, String logId) {
        Account account = accounts.require(accountId);
        if (logId != null && logId.startsWith("rej_")) {
            if (isRejectedEventOf(account, logId)) {
                throw ProblemException.conflict("A rejected event has no delivery to send: correct the producer and"
                        + " publish the event again.");
            }
            throw ProblemException.notFound("log " + logId);
        }
        Delivery d = em.createNamedQuery(Delivery.FIND_BY_MESSAGE_ID, Delivery.class)
                .setParameter("id", logId == null ? "" : logId).setParameter("account", account)
                .getResultStream().findFirst().orElseThrow(() -> ProblemException.notFound("log " + logId));
        // Read again as it is now, locked by its id (its primary key alone: a lock taken through another index
        // first deadlocks with retention's delete, which locks by id and then removes the index entries). A claim
        // or retention's delete of the same delivery is then done before, or waits.
        try {
            em.refresh(d, LockModeType.PESSIMISTIC_WRITE);
        } catch (EntityNotFoundException deletedMeanwhile) {
            throw ProblemException.notFound("log " + logId);
        }
        if (Delivery.isTest(d.getMessageId())) {
            throw ProblemException.conflict("A test is not sent again: send a new one with Send test in Webhook Settings.");
        }
        Webhook w = d.getWebhook();
        if (w.isDeleted()) {
            throw ProblemException.conflict("The webhook of this delivery was deleted.");
        }
        if (!w.isEnabled()) {
            throw ProblemException.conflict("The webhook is disabled: enable it in Webhook Settings, then resend.");
        }
        Instant now = Instant.now();
        if (d.getLeaseUntil() != null && d.getLeaseUntil().isAfter(now)) {
            throw ProblemException.conflict("This delivery is being sent right now; look again in a moment.");
        }
        d.resend(now);
        em.flush();
        deliveriesDue.fire(DeliveriesDue.of(w.getId(), List.of(d.getId())));
    }

    private boolean isRejectedEventOf(Account account, String logId) {
        Long id = InboundEvent.rejectedId(logId);
        InboundEvent e = id == null ? null : em.find(InboundEvent.class, id);
        return e != null && e.isRejectedOf(account.getAccountId());
    }

    /** What "Resend failed since" did. */
    public record Recovery(long webhookId, Instant since, int requeued) {
    }

    /**
     * "Resend failed since": every delivery of the webhook that failed for good and was created at or after
     * {@code since} is due again now, oldest first, in batches of short transactions.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Recovery recover(String accountId, long webhookId, Instant since) {
        if (since == null) {
            throw ProblemException.invalid(List.of(new FieldError("since", "is required: an ISO-8601 time")));
        }
        self.requireRecoverable(accountId, webhookId);
        int requeued = 0;
        long after = 0;
        while (true) {
            Requeued batch = self.requeueBatch(webhookId, since, after);
            if (batch.walkedTo() < 0) {
                return new Recovery(webhookId, since, requeued);
            }
            requeued += batch.moved();
            after = batch.walkedTo();
        }
    }

    /** How many of a recovery's deliveries are still waiting to be sent. */
    public long recoveryRemaining(String accountId, long webhookId, Instant since) {
        Webhook w = webhook(accountId, webhookId);
        return em.createQuery("SELECT COUNT(d) FROM Delivery d WHERE d.webhook = :w AND d.status IN :open"
                        + " AND d.createdAt >= :since", Long.class)
                .setParameter("w", w).setParameter("open", DeliveryStatus.OPEN).setParameter("since", since)
                .getSingleResult();
    }

    public void requireRecoverable(String accountId, long webhookId) {
        if (!webhook(accountId, webhookId).isEnabled()) {
            throw ProblemException.conflict("The webhook is disabled: enable it in Webhook Settings, then resend.");
        }
    }

    /** One batch of a recovery: the last id it looked at (-1 when there was none left) and how many it made due. */
    public record Requeued(long walkedTo, int moved) {
    }

    /** One batch of a recovery, in its own short transaction, in id order. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Requeued requeueBatch(long webhookId, Instant since, long afterId) {
        List<Long> ids = em.createQuery("SELECT d.id FROM Delivery d WHERE d.webhook.id = :w"
                        + " AND d.status = com.hcc.webhooks.delivery.entity.DeliveryStatus.FAILED"
                        + " AND d.createdAt >= :since AND d.id > :after AND " + Delivery.NOT_A_TEST + " ORDER BY d.id",
                        Long.class)
                .setParameter("w", webhookId).setParameter("since", since).setParameter("after", afterId)
                .setMaxResults(RECOVER_BATCH).getResultList();
        if (ids.isEmpty()) {
            return new Requeued(-1, 0);
        }
        Instant now = Instant.now();
        // read again, locked by id, as a single resend does: one that retention deleted or someone resent since
        // the read above is left out
        List<Long> moved = new ArrayList<>();
        for (Delivery d : em.createQuery("SELECT d FROM Delivery d WHERE d.id IN :ids"
                        + " AND d.status = com.hcc.webhooks.delivery.entity.DeliveryStatus.FAILED ORDER BY d.id",
                        Delivery.class).setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()) {
            d.resend(now);
            moved.add(d.getId());
        }
        if (!moved.isEmpty()) {
            deliveriesDue.fire(DeliveriesDue.of(webhookId, moved));
        }
        return new Requeued(ids.get(ids.size() - 1), moved.size());
    }

    private Webhook webhook(String accountId, long webhookId) {
        Webhook w = em.find(Webhook.class, webhookId);
        if (w == null || !w.belongsTo(accountId)) {
            throw ProblemException.notFound("webhook " + webhookId);
        }
        return w;
    }

    /**
     * The headers a delivery not sent yet would carry now, secrets masked, as a JSON object ("{}" when its request
     * cannot be built): the Webhooks Logs show them before the first attempt.
     */
    public String plannedHeaders(Delivery d) {
        try {
            return Jsons.object(requests.requestFor(d.getWebhook(), d.getMessageId(), d.getEvent().getPayload(),
                    Instant.now()).maskedHeaders());
        } catch (RuntimeException e) {
            return "{}";
        }
    }

    /**
     * What "Send test" saw: the status and a little of the answer, or why there was none; {@code logId} is its row
     * in the Webhooks Logs (its webhook-id), null when no request could be built and nothing was sent.
     */
    public record TestResult(boolean succeeded, Integer status, long latencyMs, String responseBody, String error,
                             String logId) {
    }

    /**
     * "Send test": the webhook's request for a sample payload, signed, with its credential, sent at once outside
     * any transaction (webhook-id {@code msg_test_...}), then recorded in the Webhooks Logs as a test: an event of
     * source TEST and a delivery of one attempt, never retried. A request that cannot be built is reported, not
     * thrown, and nothing is recorded (nothing was sent).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TestResult sendTest(String accountId, long webhookId, String payload) {
        OutboundRequest request;
        try {
            request = self.testRequest(accountId, webhookId, payload);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable cause = ProblemException.unwrap(e);
            if (cause instanceof IllegalArgumentException || cause instanceof SecretBox.SecretException) {
                return new TestResult(false, null, 0, null, cause.getMessage(), null); // the request cannot be built
            }
            throw e;
        }
        AttemptResult r = sending.send(request);
        self.recordTest(accountId, webhookId, payload, request, r);
        String body = r.responseBody() == null || r.responseBody().length() <= TEST_BODY_CHARS ? r.responseBody()
                : r.responseBody().substring(0, TEST_BODY_CHARS);
        return new TestResult(r.succeeded(), r.status(), r.durationMs(), body, r.errorMessage(), request.messageId());
    }

    /** The test request, built in a transaction (the credential is read lazily); sent by the caller outside it. */
    public OutboundRequest testRequest(String accountId, long webhookId, String payload) {
        return requests.requestFor(webhook(accountId, webhookId), Delivery.TEST_PREFIX + MessageIds.next().substring(4),
                payload, Instant.now());
    }

    /** A sent test, as an event of source TEST and its one delivery (Records.recordTest). */
    public void recordTest(String accountId, long webhookId, String payload, OutboundRequest request, AttemptResult r) {
        Webhook w = webhook(accountId, webhookId);
        InboundEvent event = InboundEvent.accepted(EventSource.TEST, w.getEvent(), accountId, request.messageId(), payload);
        em.persist(event);
        records.recordTest(new Delivery(event, w, request.messageId(), r.startedAt(), null), request, r);
    }

    /** A new signing secret for a webhook ({@code whsec_} and 24 random bytes, Standard Webhooks). */
    public static String newSigningSecret() {
        return com.hcc.webhooks.delivery.control.Signer.newSecret();
    }

    /** Why a URL cannot be a target (a webhook's, or a token URL), in the user's words; null when it can. */
    public static String urlProblem(String url) {
        if (!RequestBuilder.isAbsoluteHttp(url)) {
            return "must be an absolute http:// or https:// URL";
        }
        return RequestBuilder.hasUserInfo(url) ? RequestBuilder.USER_INFO_REFUSED : null;
    }

    /**
     * Early feedback when a URL is saved: a target the address policy would block answers 422 on its field. A host
     * that does not resolve now is accepted (it may later); sending checks again on every connection.
     */
    public void requireAllowed(String field, String url) {
        settings.requireAllowed(field, url);
    }
}
