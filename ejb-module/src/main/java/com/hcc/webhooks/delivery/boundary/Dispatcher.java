package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.boundary.DeliveriesDue.Due;
import com.hcc.webhooks.delivery.control.RatePacer;
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
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes deliveries up: right after the intake transaction commits (the fast path), and from the poller for
 * retries and for work whose worker died. Losing a wake-up loses nothing: the poller finds every due row.
 * <p>
 * Workers are a fixed pool of container-managed threads (synchronous HTTP per thread is the fastest way to
 * drive java.net.http here) with a bounded queue: when it is full, the wake-up is dropped and the poller
 * takes the delivery later, so a burst never grows the heap without bound.
 * <p>
 * A stop ({@link #drain}) takes no more work, hands back the leases of wake-ups that had not started, and gives the
 * requests in flight up to {@code hcc.delivery.stop-grace} to finish and be recorded (docs/delivery.md, "Stopping").
 */
@ApplicationScoped
public class Dispatcher {

    @Resource
    ManagedThreadFactory threadFactory;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Dispatcher.class.getName());

    @Inject
    DeliveryWorker worker;

    @Inject
    EngineSettings settings;

    @Inject
    @ConfigProperty(name = "hcc.delivery.workers", defaultValue = "32")
    int workers;

    @Inject
    @ConfigProperty(name = "hcc.delivery.queue", defaultValue = "10000")
    int queue;

    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private final RatePacer pacer = new RatePacer();
    private ThreadPoolExecutor pool;
    /** Wakes deferred deliveries at their time on this instance (the poller would, a little later). */
    private ScheduledThreadPoolExecutor timer;
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                threadFactory, new ThreadPoolExecutor.AbortPolicy());
        timer = new ScheduledThreadPoolExecutor(1, threadFactory);
        timer.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        drain(); // when the application's own stop (DeliveryStop) did not come first
    }

    /** Whether this instance is stopping: it takes no new work. */
    public boolean draining() {
        return draining.get();
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
        List<Runnable> queued = new java.util.ArrayList<>();
        pool.getQueue().drainTo(queued);
        List<Due> notStarted = new java.util.ArrayList<>(worker.takeWaiting());
        for (Runnable r : queued) {
            if (r instanceof Wake w) {
                notStarted.add(w.due());
            }
        }
        notStarted.forEach(d -> finished(d.id()));
        int inFlight = worker.inFlight().size();
        int released = 0;
        try {
            released = worker.giveBack(notStarted);
        } catch (RuntimeException e) {
            stopLog("Leases of deliveries not started were not given back; they expire: " + e.getMessage());
        }
        stopLog(String.format("Delivery stopping: %d requests in flight, %d wake-ups let go (%d leases given back,"
                + " %d deferred ones left to the poller); up to %d s for the requests to finish", inFlight,
                notStarted.size() + deferred, released, deferred, grace.toSeconds()));
        int interrupted = 0;
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                interrupted = worker.inFlight().size();
                worker.cutOff();
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.flush();
        stopLog(String.format("Delivery stopped in %d ms: %d requests finished and recorded, %d interrupted and left"
                + " to their lease", (System.nanoTime() - started) / 1_000_000, Math.max(0, inFlight - interrupted),
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
            System.err.println(java.time.Instant.now() + " INFO " + Dispatcher.class.getName() + ": " + line);
        }
    }

    /** A wake-up waiting for a worker thread: the stop lets go of those that had not started. */
    private record Wake(Due due, DeliveryWorker worker) implements Runnable {
        @Override
        public void run() {
            worker.process(due);
        }
    }

    void onDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesDue due) {
        dispatch(due.due());
    }

    /** Wakes one delivery at a given time (a limit deferred it); a lost wake-up is the poller's to catch. */
    public void dispatchAt(Due due, Instant at) {
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        try {
            timer.schedule(() -> dispatch(List.of(due)), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: the poller takes it after the restart
        }
    }

    /**
     * Hands deliveries to the workers. A delivery this instance already holds (waiting for a worker or for its
     * webhook's slot, or being sent) is not taken twice: the poller finds it due again every second until its
     * attempt is recorded.
     */
    public void dispatch(Collection<Due> due) {
        for (Due d : due) {
            if (!held.add(d.id())) {
                continue;
            }
            if (draining.get()) {
                worker.letGo(d); // stopping: another instance's poller takes it
                continue;
            }
            try {
                pool.execute(new Wake(d, worker));
            } catch (RejectedExecutionException e) {
                worker.letGo(d); // queue full or stopping: the poller picks it up
            }
        }
    }

    /** When deliveries held up by a webhook's rate limit are tried again, on this instance. */
    public RatePacer pacer() {
        return pacer;
    }

    /** The worker is done with this wake-up (attempted, deferred, or let go for the poller to find). */
    void finished(long id) {
        held.remove(id);
    }

    /**
     * Whether a new delivery to this webhook may be leased by the intake right away (DeliveryStore.prepare): the
     * workers keep up, and so does the webhook. Otherwise a leased delivery would only wait, and past the
     * webhook's queue give its lease back (a transaction for nothing); unleased it waits at no cost.
     */
    public boolean keepingUp(long webhookId) {
        return !draining.get() && pool.getQueue().size() < queue / 2 && !worker.busy(webhookId);
    }

    /**
     * Wake-ups waiting for a worker thread; the poller skips a round while it is high. (Wake-ups waiting for their
     * webhook's slot are not counted: the poller leaves those webhooks out instead, see {@link #busyWebhooks}.)
     */
    public int backlog() {
        return pool.getQueue().size();
    }

    /** Webhooks this instance takes no more wake-ups of for now: their queue is half full. */
    public Set<Long> busyWebhooks() {
        return worker.busyWebhooks();
    }
}
