package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.boundary.DeliveriesDue.Due;
import com.hcc.webhooks.delivery.control.AttemptResult;
import com.hcc.webhooks.delivery.control.AttemptTrace;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import com.hcc.webhooks.platform.boundary.Telemetry;
import io.opentelemetry.api.trace.Span;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attempt of one delivery: claim (short transaction), send (no transaction), record (short transaction).
 * <p>
 * Besides a webhook's own limits (enforced cluster-wide in the claim), every webhook gets at most
 * {@code hcc.delivery.max-concurrent-per-webhook} of this instance's workers, so one slow or unreachable endpoint
 * can never occupy them all and hold up other webhooks and accounts. A wake-up that finds its webhook's slots
 * taken waits, unclaimed, in that webhook's queue in memory, and the next worker to free a slot of that webhook
 * takes it: no database work is spent on it until it can go. The queue is bounded; a wake-up that does not fit,
 * or is lost with the instance, is found again by the poller, because the delivery is still due in the database.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    /** Wake-ups one webhook may have waiting on this instance. */
    static final int WAITING_PER_WEBHOOK = 1000;
    /** Time kept between the end of a request's timeout and the end of its lease. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
    static final int RECORD_TRIES = 5;
    /** Most attempts recorded in one transaction, and how many workers may write records at once. */
    static final int RECORD_BATCH = 100;
    static final int RECORDERS = 2;

    // @EJB, not @Inject: calls through CDI's proxy of a session bean make Payara throw and catch an exception
    // each time (EjbContainerServicesImpl.getEJBLocalObject); measured in the delivery benchmark.
    @EJB
    DeliveryStore store;

    @Inject
    EngineSettings settings;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Sending sending;

    @Inject
    Telemetry telemetry;

    private final Map<Long, Semaphore> slots = new ConcurrentHashMap<>();
    private final Map<Long, LinkedBlockingQueue<Due>> waiting = new ConcurrentHashMap<>();
    private final Queue<DeliveryStore.Outcome> toRecord = new ConcurrentLinkedQueue<>();
    private final Semaphore recorders = new Semaphore(RECORDERS);
    /** Deliveries being attempted (claimed or prepared, sent, recorded) on this instance right now. */
    private final java.util.Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** The stop's grace ran out: requests interrupted now are left to their lease, not recorded. */
    private volatile boolean cutOff;

    public void process(Due due) {
        if (dispatcher.draining()) {
            letGo(due);
            return;
        }
        Semaphore free = slots.computeIfAbsent(due.webhookId(), k -> new Semaphore(settings.maxConcurrentPerWebhook()));
        if (free.tryAcquire()) {
            try {
                attempt(due);
            } finally {
                free.release();
            }
        } else if (!waiting.computeIfAbsent(due.webhookId(), k -> new LinkedBlockingQueue<>(WAITING_PER_WEBHOOK))
                .offer(due)) {
            letGo(due); // full: the poller wakes it again
            return;
        }
        // Whoever queued a wake-up or freed a slot looks at the queue afterwards, so none is left behind.
        LinkedBlockingQueue<Due> queue = waiting.get(due.webhookId());
        while (queue != null && !queue.isEmpty() && !dispatcher.draining() && free.tryAcquire()) {
            try {
                Due next = queue.poll();
                if (next != null) {
                    attempt(next);
                }
            } finally {
                free.release();
            }
        }
    }

    /**
     * A wake-up this instance will not act on: the poller finds the delivery due again. One the intake leased
     * to this instance gives its lease back first, so that takes a second, not the lease's 90.
     */
    void letGo(Due due) {
        try {
            if (due.prepared() != null) {
                store.releaseLease(due.id());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Lease of delivery " + due.id() + " not given back; it expires", e);
        } finally {
            dispatcher.finished(due.id());
        }
    }

    /**
     * Records a request that was sent. Outcomes that finish while a record is being written wait for the next
     * one and go in together (group commit): under load one transaction records many attempts, at low load each
     * goes alone at once. At most {@link #RECORDERS} workers write at a time; the others hand their outcome over
     * and go on.
     */
    void record(Due due, OutboundRequest request, AttemptResult result) {
        toRecord.add(new DeliveryStore.Outcome(due.id(), request, result));
        while (!toRecord.isEmpty() && recorders.tryAcquire()) {
            try {
                List<DeliveryStore.Outcome> batch = new ArrayList<>();
                for (DeliveryStore.Outcome o; batch.size() < RECORD_BATCH && (o = toRecord.poll()) != null; ) {
                    batch.add(o);
                }
                if (!batch.isEmpty()) {
                    recordBatch(batch);
                }
            } finally {
                recorders.release();
            }
        }
    }

    /**
     * A batch whose transaction fails is recorded again one outcome at a time, each tried up to
     * {@link #RECORD_TRIES} times: the failure can be passing (a deadlock victim, a lock wait, a connection lost),
     * then nothing was written and trying again is safe, whereas giving up would send the request again when the
     * lease expires.
     */
    void recordBatch(List<DeliveryStore.Outcome> batch) {
        if (batch.size() > 1) {
            try {
                store.record(batch);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "Recording " + batch.size() + " deliveries together failed; recording them one by one: "
                        + e.getMessage());
            }
        }
        for (DeliveryStore.Outcome o : batch) {
            for (int attempt = 1; ; attempt++) {
                try {
                    store.record(List.of(o));
                    break;
                } catch (RuntimeException e) {
                    if (attempt == RECORD_TRIES) {
                        LOG.log(Level.WARNING, "Delivery " + o.id() + " was sent but its attempt could not be recorded;"
                                + " it is sent again when its lease expires: " + e.getMessage());
                        break;
                    }
                    LOG.log(Level.INFO, "Recording delivery " + o.id() + " failed; trying again: " + e.getMessage());
                    try {
                        // jittered, so two transactions that deadlocked do not meet again
                        Thread.sleep(50L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextLong(50));
                    } catch (InterruptedException stopping) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /**
     * A stop: empties the webhooks' waiting queues (wake-ups that had not started) and returns them, for their
     * leases to be given back. A wake-up queued after this is let go by {@link #process} or {@link #attempt}.
     */
    List<Due> takeWaiting() {
        List<Due> taken = new ArrayList<>();
        waiting.values().forEach(queue -> queue.drainTo(taken));
        taken.forEach(d -> dispatcher.finished(d.id()));
        return taken;
    }

    /**
     * A stop: gives back, in one statement per thousand, the leases the intake took for wake-ups that will not be
     * attempted here, so another instance's poller finds them due at once.
     *
     * @return how many leases were given back
     */
    int giveBack(List<Due> notStarted) {
        List<Long> leased = notStarted.stream().filter(d -> d.prepared() != null).map(Due::id).toList();
        return leased.isEmpty() ? 0 : store.releaseLeases(leased);
    }

    /** The deliveries this instance is attempting now (a stop waits for them). */
    java.util.Set<Long> inFlight() {
        return java.util.Set.copyOf(inFlight);
    }

    /** A stop whose grace ran out: what is interrupted from now on is left to its lease. */
    void cutOff() {
        cutOff = true;
    }

    /** Records the outcomes still waiting for a group commit (a stop, once the workers are done). */
    void flush() {
        recorders.acquireUninterruptibly(RECORDERS);
        try {
            while (!toRecord.isEmpty()) {
                List<DeliveryStore.Outcome> batch = new ArrayList<>();
                for (DeliveryStore.Outcome o; batch.size() < RECORD_BATCH && (o = toRecord.poll()) != null; ) {
                    batch.add(o);
                }
                recordBatch(batch);
            }
        } finally {
            recorders.release(RECORDERS);
        }
    }

    /** Whether this webhook's queue on this instance is half full: it takes no more wake-ups for now. */
    boolean busy(long webhookId) {
        LinkedBlockingQueue<Due> queue = waiting.get(webhookId);
        return queue != null && queue.size() >= WAITING_PER_WEBHOOK / 2;
    }

    /** The webhooks that are {@link #busy} on this instance. */
    java.util.Set<Long> busyWebhooks() {
        java.util.Set<Long> busy = new java.util.HashSet<>();
        waiting.keySet().forEach(webhook -> {
            if (busy(webhook)) {
                busy.add(webhook);
            }
        });
        return busy;
    }

    /**
     * Sends, in the attempt's span ({@code hcc attempt <event>}, a child of the event's intake; docs/operations.md
     * "Traces (OpenTelemetry)"); a no-op span when traces are off.
     */
    private AttemptResult send(Due due, OutboundRequest request, AttemptTrace trace) {
        Span span = telemetry.attemptStarted(due.id(), due.webhookId(), request, trace,
                settings.instanceId());
        try {
            AttemptResult result = sending.send(request);
            telemetry.attemptEnded(span, result);
            return result;
        } catch (RuntimeException e) {
            telemetry.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void attempt(Due due) {
        // in flight before the check, so a stop that begins now either sees it here or is seen by it
        inFlight.add(due.id());
        try {
            if (dispatcher.draining()) {
                letGo(due);
                return;
            }
            if (due.prepared() != null) {
                // leased and built by the intake; a request that waited too long for a slot is not sent (its
                // lease could run out while it is on the wire): the lease is given back and the poller claims it
                DeliveriesDue.Prepared p = due.prepared();
                if (Instant.now().plus(p.request().timeout()).plus(LEASE_MARGIN).isBefore(p.leaseUntil())) {
                    sendAndRecord(due, p.request(), p.trace());
                } else {
                    store.releaseLease(due.id());
                }
                return;
            }
            DeliveryStore.Claim claim = store.claim(due.id(), due.webhookId(), settings.instanceId());
            if (claim instanceof DeliveryStore.Deferred deferred) {
                dispatcher.dispatchAt(due, deferred.until());
            } else if (claim instanceof DeliveryStore.Send send) {
                sendAndRecord(due, send.request(), send.trace());
            }
        } catch (RuntimeException e) {
            // The lease expires and the poller tries again; the cause is logged without request details.
            LOG.log(Level.WARNING, "Delivery " + due.id() + " was not completed; it is retried when its lease expires: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            inFlight.remove(due.id());
            dispatcher.finished(due.id());
        }
    }

    private void sendAndRecord(Due due, OutboundRequest request, AttemptTrace trace) {
        AttemptResult result = send(due, request, trace);
        if (cutOff && !result.succeeded() && Thread.currentThread().isInterrupted()) {
            // the stop's grace ran out while it was on the wire: it may have reached the receiver, so it is not
            // recorded as failed (and sent again at once) but left to its lease
            return;
        }
        record(due, request, result);
    }
}
