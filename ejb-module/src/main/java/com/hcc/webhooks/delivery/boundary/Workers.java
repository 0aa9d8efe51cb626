package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.boundary.DeliveriesDue.Due;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's delivery workers, and everything about who works on what, in one owner: the thread pool, each
 * webhook's slots and queue of waiting wake-ups, the deliveries held here, the timer of deferred ones, and the stop.
 * It hands a wake-up to {@link Attempts} and is never called back.
 * <p>
 * Wake-ups come right after an intake or a record commits (DeliveriesDue, the fast path) and from the poller
 * (retries, work whose worker died). Losing one loses nothing: the poller finds every due row. Workers are a fixed
 * pool of container-managed threads (synchronous HTTP per thread is the fastest way to drive java.net.http here)
 * with a bounded queue: when it is full, the wake-up is let go and the poller takes the delivery later, so a burst
 * never grows the heap without bound.
 * <p>
 * Besides a webhook's own limits (held cluster-wide in the claim), every webhook gets at most
 * {@code hcc.delivery.max-concurrent-per-webhook} of this instance's workers, so one slow or unreachable endpoint
 * can never occupy them all and hold up other webhooks and accounts. A wake-up that finds its webhook's slots taken
 * waits, unclaimed, in that webhook's queue, and the next worker to free a slot of that webhook takes it: no
 * database work is spent on it until it can go.
 * <p>
 * A stop ({@link #drain}) takes no more work, hands back the leases of wake-ups that had not started, and gives the
 * requests in flight up to {@code hcc.delivery.stop-grace} to finish and be recorded (docs/delivery.md, "Stopping").
 */
@ApplicationScoped
public class Workers {

    private static final Logger LOG = Logger.getLogger(Workers.class.getName());
    /** Wake-ups one webhook may have waiting on this instance. */
    static final int WAITING_PER_WEBHOOK = 1000;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    Attempts attempts;

    @Inject
    EngineSettings settings;

    @Inject
    @ConfigProperty(name = "hcc.delivery.workers", defaultValue = "32")
    int workers;

    @Inject
    @ConfigProperty(name = "hcc.delivery.queue", defaultValue = "10000")
    int queue;

    /** Deliveries this instance holds: waiting for a worker or for their webhook's slot, or being attempted. */
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    /**
     * Held deliveries that a commit woke again meanwhile: typically a call's next delivery, whose claim saw the
     * earlier one still open a moment before that one's record committed and woke it. Attempted again as soon as
     * the attempt in hand ends; dropped, the wake-up left the delivery to the order's 30 s recheck (twice in a
     * call of three: the minute-long tail of the benchmark, docs/performance.md).
     */
    private final Map<Long, Due> wokenAgain = new ConcurrentHashMap<>();
    /** Deliveries being attempted (claimed or prepared, sent, recorded) on this instance right now. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Semaphore> slots = new ConcurrentHashMap<>();
    private final Map<Long, LinkedBlockingQueue<Due>> waiting = new ConcurrentHashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private ThreadPoolExecutor pool;
    /** Wakes deferred deliveries at their time on this instance (the poller would, a little later). */
    private ScheduledThreadPoolExecutor timer;

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                threadFactory, new ThreadPoolExecutor.AbortPolicy());
        timer = new ScheduledThreadPoolExecutor(1, threadFactory);
        timer.setRemoveOnCancelPolicy(true);
        attempts.handOverWhile(this::keepingUp);
    }

    @PreDestroy
    void stop() {
        drain(); // when the application's own stop (DeliveryStop) did not come first
    }

    void onDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesDue due) {
        dispatch(due.due(), true);
    }

    /**
     * Hands deliveries the poller found to the workers. A delivery this instance already holds is not taken twice:
     * the poller finds it due again every second until its attempt is recorded.
     */
    void dispatch(Collection<Due> due) {
        dispatch(due, false);
    }

    /**
     * @param committed the wake-up of a commit (an intake, a finished delivery, a resend): for a delivery held here
     *                  it is kept, and acted on when the attempt in hand ends ({@link #wokenAgain})
     */
    private void dispatch(Collection<Due> due, boolean committed) {
        for (Due d : due) {
            if (!held.add(d.id())) {
                if (committed) {
                    wokenAgain.put(d.id(), d);
                    if (!held.contains(d.id())) {
                        again(d.id()); // its attempt ended meanwhile, maybe before it could see this
                    }
                }
                continue;
            }
            if (draining.get()) {
                letGo(d); // stopping: another instance's poller takes it
                continue;
            }
            try {
                pool.execute(new Wake(d, this));
            } catch (RejectedExecutionException e) {
                letGo(d); // queue full or stopping: the poller picks it up
            }
        }
    }

    /** Wakes one delivery at a given time (a limit deferred it); a lost wake-up is the poller's to catch. */
    private void dispatchAt(Due due, Instant at) {
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        try {
            timer.schedule(() -> dispatch(List.of(due)), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: the poller takes it after the restart
        }
    }

    /** A wake-up waiting for a worker thread: the stop lets go of those that had not started. */
    private record Wake(Due due, Workers workers) implements Runnable {
        @Override
        public void run() {
            workers.process(due);
        }
    }

    /** On a worker thread: attempts the delivery if its webhook has a free slot, else queues it for the next one. */
    private void process(Due due) {
        if (draining.get()) {
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
        LinkedBlockingQueue<Due> queued = waiting.get(due.webhookId());
        while (queued != null && !queued.isEmpty() && !draining.get() && free.tryAcquire()) {
            try {
                Due next = queued.poll();
                if (next != null) {
                    attempt(next);
                }
            } finally {
                free.release();
            }
        }
    }

    private void attempt(Due due) {
        // in flight before the check, so a stop that begins now either sees it here or is seen by it
        inFlight.add(due.id());
        try {
            if (draining.get()) {
                attempts.letGo(due);
                return;
            }
            Instant deferredUntil = attempts.attempt(due);
            if (deferredUntil != null) {
                dispatchAt(due, deferredUntil);
            }
        } finally {
            inFlight.remove(due.id());
            held.remove(due.id());
            again(due.id());
        }
    }

    /** A wake-up that came while the delivery was held here: now (exactly once, whoever comes first). */
    private void again(long id) {
        Due d = wokenAgain.remove(id);
        if (d != null) {
            dispatch(List.of(d), true);
        }
    }

    /** A wake-up this instance will not act on: the poller finds the delivery due again. */
    private void letGo(Due due) {
        try {
            attempts.letGo(due);
        } finally {
            held.remove(due.id());
            if (!draining.get()) {
                again(due.id());
            }
        }
    }

    /** Whether this instance is stopping: it takes no new work. */
    boolean draining() {
        return draining.get();
    }

    /**
     * Whether a new delivery to this webhook may be leased by the intake right away (Claims.prepare): the workers
     * keep up, and so does the webhook. Otherwise a leased delivery would only wait, and past the webhook's queue
     * give its lease back (a transaction for nothing); unleased it waits at no cost.
     */
    boolean keepingUp(long webhookId) {
        return !draining.get() && pool.getQueue().size() < queue / 2 && !busy(webhookId);
    }

    /**
     * Wake-ups waiting for a worker thread; the poller skips a round while it is high. (Wake-ups waiting for their
     * webhook's slot are not counted: the poller leaves those webhooks out instead, see {@link #busyWebhooks}.)
     */
    int backlog() {
        return pool.getQueue().size();
    }

    /** Whether this webhook's queue on this instance is half full: it takes no more wake-ups for now. */
    private boolean busy(long webhookId) {
        LinkedBlockingQueue<Due> q = waiting.get(webhookId);
        return q != null && q.size() >= WAITING_PER_WEBHOOK / 2;
    }

    /** Webhooks this instance takes no more wake-ups of for now: their queue is half full. */
    Set<Long> busyWebhooks() {
        Set<Long> busy = new HashSet<>();
        waiting.keySet().forEach(webhook -> {
            if (busy(webhook)) {
                busy.add(webhook);
            }
        });
        return busy;
    }

    /**
     * Stops the engine on this instance, once (later calls return at once). New wake-ups and the poller's finds are
     * let go from now on, and the intake leases nothing more to this instance (see {@link #keepingUp}), so what
     * arrives meanwhile waits in the database for another instance's poller. Wake-ups that had not started (waiting
     * for a worker or for their webhook's slot) are let go, and the leases the intake took for them given back in
     * one statement, so another instance takes them at once rather than after the lease. Deferred wake-ups hold no
     * lease (a deferral gives it back). The requests in flight get {@code hcc.delivery.stop-grace} to finish and be
     * recorded; after that they are interrupted and left to their lease (they may have reached the receiver).
     */
    public void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        Duration grace = settings.stopGrace();
        int deferred = timer.shutdownNow().size();
        pool.shutdown(); // wake-ups handed over from now on are refused, and let go
        List<Runnable> queued = new ArrayList<>();
        pool.getQueue().drainTo(queued);
        List<Due> notStarted = new ArrayList<>();
        waiting.values().forEach(q -> q.drainTo(notStarted));
        for (Runnable r : queued) {
            if (r instanceof Wake w) {
                notStarted.add(w.due());
            }
        }
        notStarted.forEach(d -> held.remove(d.id()));
        wokenAgain.clear();
        int inFlightAtStop = inFlight.size();
        int released = 0;
        try {
            released = attempts.giveBack(notStarted);
        } catch (RuntimeException e) {
            stopLog("Leases of deliveries not started were not given back; they expire: " + e.getMessage());
        }
        stopLog(String.format("Delivery stopping: %d requests in flight, %d wake-ups let go (%d leases given back,"
                + " %d deferred ones left to the poller); up to %d s for the requests to finish", inFlightAtStop,
                notStarted.size() + deferred, released, deferred, grace.toSeconds()));
        int interrupted = 0;
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                interrupted = inFlight.size();
                attempts.cutOff();
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        attempts.flush();
        stopLog(String.format("Delivery stopped in %d ms: %d requests finished and recorded, %d interrupted and left"
                + " to their lease", (System.nanoTime() - started) / 1_000_000, Math.max(0, inFlightAtStop - interrupted),
                interrupted));
    }

    /**
     * The stop's lines. While the JVM shuts down (SIGTERM), its own shutdown hook resets java.util.logging at the same
     * time as Payara's hook stops the application, and what is logged then is lost (measured: nothing logged
     * through it after the signal reached the server log); standard error, which the launcher logs, still works.
     */
    private static void stopLog(String line) {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            LOG.info(line);
        } catch (IllegalStateException shuttingDown) {
            System.err.println(Instant.now() + " INFO " + Workers.class.getName() + ": " + line);
        }
    }
}
