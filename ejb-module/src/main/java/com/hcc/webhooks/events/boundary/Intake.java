package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.delivery.boundary.Deliveries;
import com.hcc.webhooks.events.control.EventParser;
import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.events.entity.InboundEvent;
import com.hcc.webhooks.platform.boundary.Database;
import com.hcc.webhooks.platform.boundary.Telemetry;
import com.hcc.webhooks.webhooks.control.PayloadFilter;
import com.hcc.webhooks.webhooks.entity.Webhook;
import com.hcc.webhooks.platform.control.Jsons;
import io.opentelemetry.api.trace.Span;
import jakarta.json.JsonObject;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Takes an event from any source (JMS, REST), stores it, and fans it out to one delivery per matching
 * enabled webhook, all in the caller's transaction: when it commits, the event and its deliveries are
 * durable together, and only then are the deliveries woken up.
 */
@Stateless
public class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class.getName());

    /** What became of an event. */
    public record Receipt(long eventId, boolean accepted, boolean duplicate, int deliveries, String reason) {
    }

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @EJB
    Database database;

    @EJB
    Deliveries deliveries;

    @Inject
    MetricRegistry metrics;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Telemetry telemetry;

    /** A message that carries no text at all (e.g. an ObjectMessage): kept as rejected, with that reason. */
    public Receipt rejectUnreadable(EventSource source, String eventName, String eventId, String accountId,
                                    String reason) {
        return traced(source, eventName, span -> {
            database.schemaVersion();
            return storeRejected(source, new EventParser.Rejected(eventName, accountId, eventId, "", reason));
        });
    }

    public Receipt receive(EventSource source, String eventName, String body, String eventId, String accountId) {
        return receive(source, eventName, body, eventId, accountId, null);
    }

    /**
     * @param publishedAt when the producer published the event (the JMS timestamp), or null: when it was received.
     *                    It orders events of one call at one stage (two Call Saved), after the life-cycle rank.
     */
    public Receipt receive(EventSource source, String eventName, String body, String eventId, String accountId,
                           Instant publishedAt) {
        return traced(source, eventName, span -> receive(source, eventName, body, eventId, accountId, publishedAt, span));
    }

    /**
     * The intake in a span of its own ({@code hcc intake <event>}, docs/operations.md "Traces (OpenTelemetry)"), ended
     * when the transaction ends; a no-op when traces are off.
     */
    private Receipt traced(EventSource source, String eventName, Function<Span, Receipt> intake) {
        Span span = telemetry.intakeStarted(source, eventName);
        try {
            Receipt r = intake.apply(span);
            telemetry.intakeDone(span, r.eventId(), !r.accepted() ? "rejected" : r.duplicate() ? "duplicate" : "accepted",
                    r.deliveries());
            return r;
        } catch (RuntimeException e) {
            telemetry.failed(span, e);
            throw e;
        } finally {
            telemetry.endWithTransaction(span);
        }
    }

    private Receipt receive(EventSource source, String eventName, String body, String eventId, String accountId,
                            Instant publishedAt, Span span) {
        database.schemaVersion(); // on a first start, waits until the schema exists
        EventParser.Result result = EventParser.parse(source, eventName, body, eventId, accountId);
        if (result instanceof EventParser.Rejected r) {
            telemetry.intakeParsed(span, r.accountId(), null);
            return storeRejected(source, r);
        }
        EventParser.Accepted a = (EventParser.Accepted) result;
        telemetry.intakeParsed(span, a.accountId(), a.callId());
        if (a.eventKey() != null) {
            Optional<InboundEvent> existing = em.createNamedQuery(InboundEvent.FIND_BY_KEY, InboundEvent.class)
                    .setParameter("accountId", a.accountId())
                    .setParameter("eventKey", a.eventKey())
                    .getResultStream().findFirst();
            if (existing.isPresent()) {
                count("duplicate");
                return new Receipt(existing.get().getId(), true, true, 0, null);
            }
        }
        InboundEvent event = store(source, a);
        int made = deliveries.fanOut(List.of(fan(event, a, enabledOf(a.accountId()), publishedAt,
                Telemetry.traceParent(span))));
        if (made == 0) {
            em.flush(); // the event's id, for the receipt
        }
        count("accepted");
        return new Receipt(event.getId(), true, false, made, null);
    }

    /** An event from a JMS message, as {@link #receive} takes it. */
    public record Incoming(EventSource source, String eventName, String body, String eventId, String accountId,
                           Instant publishedAt) {
    }

    /**
     * Several events in one transaction (the listener's group commit, {@link IntakeBatches}): each as
     * {@link #receive} takes it alone, with one read of the keys already taken per account, one read of an
     * account's webhooks, and the orders of all locked in one statement ({@link Deliveries#fanOut(List)}). No
     * intake spans: with traces on, events are taken one by one.
     *
     * @return a receipt per event, in order
     */
    public List<Receipt> receiveAll(List<Incoming> batch) {
        database.schemaVersion();
        Receipt[] receipts = new Receipt[batch.size()];
        Map<String, Map<String, InboundEvent>> seen = new HashMap<>();
        Map<String, List<Webhook>> enabled = new HashMap<>();
        Map<Integer, EventParser.Accepted> accepted = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Incoming in = batch.get(i);
            EventParser.Result result = EventParser.parse(in.source(), in.eventName(), in.body(), in.eventId(),
                    in.accountId());
            if (result instanceof EventParser.Rejected r) {
                receipts[i] = storeRejected(in.source(), r);
            } else {
                accepted.put(i, (EventParser.Accepted) result);
            }
        }
        Map<String, List<String>> keys = new HashMap<>();
        accepted.values().stream().filter(a -> a.eventKey() != null)
                .forEach(a -> keys.computeIfAbsent(a.accountId(), k -> new ArrayList<>()).add(a.eventKey()));
        keys.forEach((account, ofAccount) -> {
            Map<String, InboundEvent> byKey = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // as the unique index
            em.createNamedQuery(InboundEvent.FIND_BY_KEYS, InboundEvent.class).setParameter("accountId", account)
                    .setParameter("eventKeys", ofAccount).getResultStream().forEach(e -> byKey.put(e.getEventKey(), e));
            seen.put(account, byKey);
        });
        // every read before the first event is stored: a query flushes what is pending, and the events written
        // together go to the database as one batch (docs/performance.md, "Bulk inserts")
        accepted.values().forEach(a -> enabled.computeIfAbsent(a.accountId(), this::enabledOf));
        List<Deliveries.Fan> fans = new ArrayList<>();
        Map<Integer, InboundEvent> stored = new LinkedHashMap<>();
        accepted.forEach((i, a) -> {
            Map<String, InboundEvent> ofAccount = seen.computeIfAbsent(a.accountId(),
                    k -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
            InboundEvent existing = a.eventKey() == null ? null : ofAccount.get(a.eventKey());
            if (existing != null) { // taken before, or earlier in this batch (a redelivery)
                count("duplicate");
                receipts[i] = new Receipt(existing.getId() == null ? 0 : existing.getId(), true, true, 0, null);
                return;
            }
            InboundEvent event = store(batch.get(i).source(), a);
            if (a.eventKey() != null) {
                ofAccount.put(a.eventKey(), event);
            }
            stored.put(i, event);
            fans.add(fan(event, a, enabled.get(a.accountId()), batch.get(i).publishedAt(), null));
        });
        deliveries.fanOut(fans);
        em.flush(); // the events' ids, for the receipts
        int f = 0;
        for (Map.Entry<Integer, InboundEvent> e : stored.entrySet()) {
            count("accepted");
            receipts[e.getKey()] = new Receipt(e.getValue().getId(), true, false, fans.get(f++).subscribed().size(), null);
        }
        return List.of(receipts);
    }

    private InboundEvent store(EventSource source, EventParser.Accepted a) {
        String key = a.eventKey() != null ? a.eventKey() : UUID.randomUUID().toString();
        InboundEvent event = InboundEvent.accepted(source, a.type(), a.accountId(), key, a.payload());
        event.identify(a.callId(), a.leadId(), a.phone());
        em.persist(event);
        return event;
    }

    /**
     * Every enabled webhook of the account: those of this event (and its filter) get a delivery; those of the
     * call's earlier stages at the same endpoint say what an ordered delivery waits for.
     */
    private List<Webhook> enabledOf(String accountId) {
        return em.createNamedQuery(Webhook.FIND_ENABLED_FOR_ACCOUNT, Webhook.class)
                .setParameter("accountId", accountId)
                .getResultList();
    }

    private static Deliveries.Fan fan(InboundEvent event, EventParser.Accepted a, List<Webhook> enabled,
                                      Instant publishedAt, String traceParent) {
        List<Webhook> subscribed = new ArrayList<>(enabled.size());
        JsonObject json = null;
        for (Webhook w : enabled) {
            if (w.getEvent() != a.type()) {
                continue;
            }
            if (w.getFilter() != null) {
                if (json == null) {
                    json = Jsons.createReader(a.payload()).readObject();
                }
                if (!PayloadFilter.cached(w.getFilter()).matches(json)) {
                    continue;
                }
            }
            subscribed.add(w);
        }
        return new Deliveries.Fan(event, subscribed, enabled, publishedAt, traceParent);
    }

    /**
     * {@code hcc_events_total{outcome}} on /metrics, once the transaction has committed: an intake that is rolled
     * back (a deadlock victim, a group commit that failed) and tried again counts its event once.
     */
    private void count(String outcome) {
        if (transactions.getTransactionKey() == null) {
            metrics.counter("hcc.events", new Tag("outcome", outcome)).inc();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    metrics.counter("hcc.events", new Tag("outcome", outcome)).inc();
                }
            }
        });
    }

    /**
     * Keeps a refused event with its reason, keyed like accepted events under the producer's key or the JMS
     * message id, so a redelivered bad message is recorded once; without a key (REST without Idempotency-Key)
     * every call is its own record.
     */
    private Receipt storeRejected(EventSource source, EventParser.Rejected r) {
        String key = "rejected:" + (r.eventKey() != null ? r.eventKey() : UUID.randomUUID().toString());
        Optional<InboundEvent> seen = em.createNamedQuery(InboundEvent.FIND_BY_KEY, InboundEvent.class)
                .setParameter("accountId", r.accountId()).setParameter("eventKey", key)
                .getResultStream().findFirst();
        if (seen.isPresent()) {
            count("duplicate");
            return new Receipt(seen.get().getId(), false, true, 0, r.reason());
        }
        InboundEvent rejected = InboundEvent.rejected(source, r.eventName(), r.accountId(),
                key.length() > InboundEvent.EVENT_KEY_LENGTH ? "rejected:" + UUID.randomUUID() : key,
                r.rawBody(), r.reason());
        em.persist(rejected);
        em.flush();
        LOG.warning(() -> "Rejected event " + rejected.getId() + " from " + source + ": " + r.reason());
        count("rejected");
        return new Receipt(rejected.getId(), false, false, 0, r.reason());
    }
}
