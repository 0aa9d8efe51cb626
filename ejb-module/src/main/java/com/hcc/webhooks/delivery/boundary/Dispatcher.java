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
 */
@ApplicationScoped
public class Dispatcher {

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    DeliveryWorker worker;

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

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                threadFactory, new ThreadPoolExecutor.AbortPolicy());
        timer = new ScheduledThreadPoolExecutor(1, threadFactory);
        timer.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        pool.shutdownNow();
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
            try {
                pool.execute(() -> worker.process(d));
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
        return pool.getQueue().size() < queue / 2 && !worker.busy(webhookId);
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
