package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.delivery.boundary.DeliveriesDue;
import com.hcc.webhooks.delivery.boundary.DeliveryStore;
import com.hcc.webhooks.delivery.boundary.EngineMetrics;
import com.hcc.webhooks.delivery.control.CallOrder;
import com.hcc.webhooks.delivery.control.MessageIds;
import com.hcc.webhooks.delivery.control.OrderingKeys;
import com.hcc.webhooks.delivery.entity.Delivery;
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
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    @Inject
    Event<DeliveriesDue> deliveriesDue;

    @Inject
    EngineMetrics metrics;

    @EJB
    DeliveryStore store;

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
        EventParser.Result result = EventParser.parse(eventName, body, eventId, accountId);
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
                metrics.event("duplicate");
                return new Receipt(existing.get().getId(), true, true, 0, null);
            }
        }
        String key = a.eventKey() != null ? a.eventKey() : UUID.randomUUID().toString();
        InboundEvent event = InboundEvent.accepted(source, a.type(), a.accountId(), key, a.payload());
        event.identify(a.callId(), a.leadId(), a.phone());
        em.persist(event);

        // every enabled webhook of the account: those of this event get a delivery; those of the call's earlier
        // stages at the same endpoint say what an ordered delivery waits for (CallOrder)
        List<Webhook> webhooks = em.createNamedQuery(Webhook.FIND_ENABLED_FOR_ACCOUNT, Webhook.class)
                .setParameter("accountId", a.accountId())
                .getResultList();
        Instant now = Instant.now();
        long position = CallOrder.position(a.type(), publishedAt != null && publishedAt.toEpochMilli() > 0
                ? publishedAt : now);
        List<Delivery> deliveries = new ArrayList<>(webhooks.size());
        List<DeliveriesDue.Prepared> prepared = new ArrayList<>(webhooks.size());
        String traceParent = Telemetry.traceParent(span); // null when traces are off
        JsonObject json = null;
        for (Webhook w : webhooks) {
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
            Delivery d = new Delivery(event, w, MessageIds.next(), now, OrderingKeys.of(w, a.callId()));
            d.placeInOrder(position, expected(d, a, webhooks));
            d.tracedBy(traceParent);
            deliveries.add(d);
        }
        store.lockOrders(deliveries);
        for (Delivery d : deliveries) {
            prepared.add(store.prepare(d, d.getWebhook(), a.payload(), now));
            em.persist(d);
        }
        em.flush();
        if (!deliveries.isEmpty()) {
            List<DeliveriesDue.Due> due = new ArrayList<>(deliveries.size());
            for (int i = 0; i < deliveries.size(); i++) {
                Delivery d = deliveries.get(i);
                if (prepared.get(i) != null && store.inOrder(d, now) instanceof CallOrder.Wait wait) {
                    d.defer(wait.until()); // the earlier one wakes it when done, or the order wait runs out
                    continue;
                }
                due.add(new DeliveriesDue.Due(d.getId(), d.getWebhook().getId(), prepared.get(i)));
            }
            if (!due.isEmpty()) {
                deliveriesDue.fire(new DeliveriesDue(due));
            }
        }
        metrics.event("accepted");
        return new Receipt(event.getId(), true, false, deliveries.size(), null);
    }

    /** The earlier stages of the call the delivery's endpoint is subscribed to, in its order (CallOrder). */
    private static int expected(Delivery d, EventParser.Accepted a, List<Webhook> webhooks) {
        if (d.getOrderingKey() == null || CallOrder.rank(a.type()) <= 1) {
            return 0;
        }
        List<EventType> atEndpoint = new ArrayList<>();
        for (Webhook other : webhooks) {
            if (other.getEvent() != a.type() && d.getOrderingKey().equals(OrderingKeys.of(other, a.callId()))) {
                atEndpoint.add(other.getEvent());
            }
        }
        return CallOrder.expected(a.type(), atEndpoint);
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
            metrics.event("duplicate");
            return new Receipt(seen.get().getId(), false, true, 0, r.reason());
        }
        InboundEvent rejected = InboundEvent.rejected(source, r.eventName(), r.accountId(),
                key.length() > InboundEvent.EVENT_KEY_LENGTH ? "rejected:" + UUID.randomUUID() : key,
                r.rawBody(), r.reason());
        em.persist(rejected);
        em.flush();
        LOG.warning(() -> "Rejected event " + rejected.getId() + " from " + source + ": " + r.reason());
        metrics.event("rejected");
        return new Receipt(rejected.getId(), false, false, 0, r.reason());
    }
}
