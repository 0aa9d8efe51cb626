package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.CallOrder;
import com.hcc.webhooks.delivery.control.InLists;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Per-call order and the lock rows it and the webhooks' limits take (docs/delivery.md, "Ordered per call"): in the
 * caller's transaction, always.
 */
@ApplicationScoped
public class OrderGuard {

    /** Rows of the ordering_lock table (migration V006). */
    static final int LOCK_ROWS = 1024;
    private static final Map<Integer, String> LOCK_STATEMENTS = new ConcurrentHashMap<>();
    private static final Logger LOG = Logger.getLogger(OrderGuard.class.getName());
    private static final CallOrder.Go GO = new CallOrder.Go(null);

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Inject
    EngineSettings settings;

    @Inject
    EngineMetrics metrics;

    @Inject
    Event<DeliveriesDue> deliveriesDue;

    /**
     * Locks the order (account, endpoint, call) of each delivery about to be stored or recorded, first thing in the
     * transaction. An intake takes it before it looks at the order, so intakes of one call decide one after the
     * other and each sees the ones before it; a record takes it before it finishes a delivery, so an intake of the
     * same call either sees that delivery done or is stored before the record looks for the next one to wake.
     * A fixed table of rows, picked by the key's hash (the same on every instance), always locked in ascending
     * order. (A locking read of the earlier delivery did this job before, and deadlocked with records: it locks the
     * ordering index before the row, an update the other way.)
     */
    void lockOrders(List<Delivery> deliveries) {
        lock(deliveries.stream().map(Delivery::getOrderingKey).filter(Objects::nonNull).toList());
    }

    /**
     * Locks the rows of ordering_lock that stand for these keys, in ascending order, until the commit. The rows
     * are parameters of an {@link InLists} list (the last one repeated): a handful of statement texts, each prepared
     * once per connection, where the rows written into the text made nearly every lock a new statement for MariaDB
     * to prepare (docs/performance.md, 2026-12-03 fifth part).
     */
    void lock(List<String> keys) {
        SortedSet<Integer> buckets = new TreeSet<>();
        for (String key : keys) {
            buckets.add(Math.floorMod(key.hashCode(), LOCK_ROWS));
        }
        if (buckets.isEmpty()) {
            return;
        }
        List<Integer> rows = InLists.padded(List.copyOf(buckets), buckets.last());
        Query q = em.createNativeQuery(LOCK_STATEMENTS.computeIfAbsent(rows.size(), OrderGuard::lockStatement));
        for (int i = 0; i < rows.size(); i++) {
            q.setParameter(i + 1, rows.get(i));
        }
        q.getResultList();
    }

    /** The lock statement for {@code size} rows: {@code SELECT ... WHERE bucket IN (?1, ..., ?size) ... FOR UPDATE}. */
    static String lockStatement(int size) {
        return "SELECT bucket FROM ordering_lock WHERE bucket IN (" + InLists.placeholders(1, size)
                + ") ORDER BY bucket FOR UPDATE";
    }

    /**
     * Whether a delivery may go now as far as its call's order is concerned (CallOrder): every delivery before it
     * in its order done, and every earlier stage of the call its endpoint subscribes to arrived (or the order wait
     * run out). One read of the order's few rows. When it goes in spite of the order (an earlier stage never came,
     * or came after a later one was sent) the delivery says so in its note. Exact in an intake and a record, which
     * hold the order's lock ({@link #lockOrders}); in a claim, an earlier one being finished at that moment is
     * still seen open, and wakes this one after its commit.
     */
    CallOrder.Verdict inOrder(Delivery d, Instant now) {
        return d.getOrderingKey() == null ? GO : inOrder(d, ordersOf(List.of(d)).rowsOf(d.getOrderingKey()), now);
    }

    /** {@link #inOrder(Delivery, Instant)} with the rows of its order already read in this transaction. */
    CallOrder.Verdict inOrder(Delivery d, List<CallOrder.Row> order, Instant now) {
        return d.getOrderingKey() == null ? GO : decide(d, row(d), order, now);
    }

    /**
     * Order verdicts for an intake's new deliveries before they are written, so that one which must wait is
     * written waiting rather than written and then updated: each stands after every stored delivery of its order
     * and after the new ones before it in {@code fresh}, where the ids they get when persisted in that order place it.
     *
     * @param fresh    every new delivery of the transaction, in the order they will be written
     * @param deciding those of them to decide on
     * @return a verdict for each of {@code deciding}, in its order
     */
    List<CallOrder.Verdict> inOrderBeforeStored(List<Delivery> fresh, List<Delivery> deciding, Instant now) {
        Orders orders = ordersOf(deciding);
        Map<Delivery, CallOrder.Row> standIn = new IdentityHashMap<>();
        Map<String, List<CallOrder.Row>> added = new HashMap<>();
        long id = Long.MAX_VALUE - fresh.size();
        for (Delivery d : fresh) {
            CallOrder.Row r = new CallOrder.Row(++id, d.getOrderSeq(), d.getStatus(), d.getNextAttemptAt(), false);
            standIn.put(d, r);
            if (d.getOrderingKey() != null) {
                added.computeIfAbsent(d.getOrderingKey(), k -> new ArrayList<>()).add(r);
            }
        }
        List<CallOrder.Verdict> verdicts = new ArrayList<>(deciding.size());
        for (Delivery d : deciding) {
            if (d.getOrderingKey() == null) {
                verdicts.add(GO);
                continue;
            }
            List<CallOrder.Row> rows = new ArrayList<>(orders.rowsOf(d.getOrderingKey()));
            rows.addAll(added.get(d.getOrderingKey()));
            verdicts.add(decide(d, standIn.get(d), rows, now));
        }
        return verdicts;
    }

    private CallOrder.Verdict decide(Delivery d, CallOrder.Row self, List<CallOrder.Row> order, Instant now) {
        Instant storedAt = d.getCreatedAt() == null ? now : d.getCreatedAt(); // not written yet: it is now
        CallOrder.Verdict verdict = CallOrder.decide(self, d.getOrderExpects(), storedAt, order, now,
                settings.orderWait());
        if (verdict instanceof CallOrder.Go go && go.note() != null && !go.note().equals(d.getOrderNote())) {
            d.noteOrder(go.note());
            metrics.outOfOrder(go.note().startsWith("Sent without") ? "without_earlier" : "late");
            LOG.info(() -> "Delivery " + d.getMessageId() + ": " + go.note());
        }
        return verdict;
    }

    /**
     * The orders of these deliveries as they stand in this transaction (what it has changed is written first): one
     * read of all their rows. An intake or a record reads the orders of all its deliveries at once.
     */
    Orders ordersOf(Collection<Delivery> deliveries) {
        List<String> keys = deliveries.stream().map(Delivery::getOrderingKey).filter(Objects::nonNull).distinct()
                .toList();
        Map<String, List<Orders.Member>> byKey = new HashMap<>();
        if (!keys.isEmpty()) {
            em.createNamedQuery(Delivery.FIND_ORDER, Object[].class).setParameter("keys", keys).getResultStream()
                    .forEach(r -> byKey.computeIfAbsent((String) r[6], k -> new ArrayList<>())
                            .add(new Orders.Member(row(r), (Long) r[5])));
        }
        return new Orders(byKey);
    }

    /**
     * Every delivery of these orders, with its webhook and event, read under the orders' lock, which this takes first
     * ({@link #lock}): a record's one read, which gives it the deliveries it records, their orders as they stand, and
     * the next delivery of each ready to hand over, where three reads did before (docs/performance.md).
     *
     * @return the deliveries by id
     */
    Map<Long, Delivery> lockAndRead(Collection<String> keys) {
        List<String> distinct = keys.stream().filter(Objects::nonNull).distinct().toList();
        Map<Long, Delivery> read = new HashMap<>();
        if (!distinct.isEmpty()) {
            lock(distinct);
            em.createNamedQuery(Delivery.FIND_ORDERS, Delivery.class).setParameter("keys", distinct)
                    .getResultStream().forEach(d -> read.put(d.getId(), d));
        }
        return read;
    }

    /** Orders at one moment, by ordering key: each delivery's row and its webhook. */
    record Orders(Map<String, List<Member>> byKey) {

        /** A delivery of an order: its place and state, and the webhook it goes to. */
        record Member(CallOrder.Row row, long webhookId) {
        }

        /** The orders of these deliveries, every delivery of each among them, as they stand in memory now. */
        static Orders of(Collection<Delivery> all) {
            Map<String, List<Member>> byKey = new HashMap<>();
            for (Delivery d : all) {
                if (d.getOrderingKey() != null) {
                    byKey.computeIfAbsent(d.getOrderingKey(), k -> new ArrayList<>())
                            .add(new Member(row(d), d.getWebhook().getId()));
                }
            }
            return new Orders(byKey);
        }

        List<CallOrder.Row> rowsOf(String key) {
            return byKey.getOrDefault(key, List.of()).stream().map(Member::row).toList();
        }
    }

    /** The open delivery that comes next in a finished one's order, its webhook, and the order as it now stands. */
    public record Next(long id, long webhookId, List<CallOrder.Row> order) {
    }

    /** When a delivery is done for good, the next one of its order may go: it is woken after the commit. */
    void wakeNextInOrder(Delivery d) {
        nextInOrder(d, ordersOf(List.of(d)))
                .ifPresent(next -> deliveriesDue.fire(DeliveriesDue.of(next.webhookId(), List.of(next.id()))));
    }

    /**
     * The delivery that may go next now that {@code d} is done for good (none while it is open), from its order as
     * read in this transaction, in which {@code d} stands as it is now, written or not.
     */
    Optional<Next> nextInOrder(Delivery d, Orders orders) {
        if (d.getOrderingKey() == null || !d.getStatus().isTerminal()) {
            return Optional.empty();
        }
        Map<Long, Long> webhookOf = new HashMap<>();
        List<CallOrder.Row> rows = new ArrayList<>();
        CallOrder.Row done = row(d);
        for (Orders.Member m : orders.byKey().getOrDefault(d.getOrderingKey(), List.of())) {
            rows.add(m.row().id() == done.id() ? done : m.row());
            webhookOf.put(m.row().id(), m.webhookId());
        }
        return CallOrder.next(done, rows).map(next -> new Next(next.id(), webhookOf.get(next.id()), List.copyOf(rows)));
    }

    private static CallOrder.Row row(Delivery d) {
        return new CallOrder.Row(d.getId(), d.getOrderSeq(), d.getStatus(), d.getNextAttemptAt(), d.getAttempts() > 0);
    }

    /**
     * A row of {@link Delivery#FIND_ORDER}: id, position, status, next attempt, attempts, webhook, key. "Started" counts
     * attempts made, not leases: a lease may be the intake's, on a delivery that has not gone.
     */
    private static CallOrder.Row row(Object[] r) {
        return new CallOrder.Row((Long) r[0], (Long) r[1], (DeliveryStatus) r[2], (Instant) r[3],
                ((Number) r[4]).intValue() > 0);
    }
}
