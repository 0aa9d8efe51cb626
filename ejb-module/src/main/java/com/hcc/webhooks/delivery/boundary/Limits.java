package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.RatePacer;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * A webhook's own limits (max concurrent requests, max requests per second), held across every instance: a claim
 * of a limited webhook locks the webhook's lock row while its in-flight and recent claims are counted, so two
 * instances cannot both take the last slot. Webhooks without limits take no lock.
 */
@ApplicationScoped
public class Limits {

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Inject
    OrderGuard locks;

    /** When deliveries held up by a webhook's rate limit are tried again, on this instance. */
    private final RatePacer pacer = new RatePacer();

    /**
     * Claims of one limited webhook queue on its lock row, taken before the delivery row. Not the webhook's own
     * row: a record changing a delivery's status takes a shared lock on that row (MariaDB checks the foreign key of
     * every index holding webhook_ref), which deadlocked with claims holding it.
     */
    void lock(Webhook w) {
        if (w.hasLimits()) {
            locks.lock(List.of("limits of webhook " + w.getId()));
        }
    }

    /**
     * @return when to try again, or null when the request may go now (under the lock {@link #lock} took)
     */
    Instant hold(Webhook w, Delivery d, Instant now) {
        if (!w.hasLimits()) {
            return null;
        }
        if (w.getMaxConcurrent() != null && em.createNamedQuery(Delivery.COUNT_IN_FLIGHT, Long.class)
                .setParameter("webhook", w).setParameter("now", now).setParameter("id", d.getId())
                .getSingleResult() >= w.getMaxConcurrent()) {
            return now.plusMillis(100);
        }
        Instant since = now.minusSeconds(1);
        if (w.getMaxPerSecond() != null && inWindow(w, d, since, now) >= w.getMaxPerSecond()) {
            Instant oldest = em.createNamedQuery(Delivery.OLDEST_CLAIMED_SINCE, Instant.class).setParameter("webhook", w)
                    .setParameter("since", since).setMaxResults(1).getResultStream().findFirst().orElse(null);
            return pacer.slot(w.getId(), nextFreeSlot(oldest, now), w.getMaxPerSecond(), now);
        }
        return null;
    }

    /**
     * The requests a new one of this webhook must count with: every request from its claim until a second after it
     * ended, on any instance. Claimed in the last second, or ended in it ({@code claimedAt} moves to the end when
     * a request is recorded; the delivery's own previous request too), or still in flight (its lease held). So in
     * any second the receiver looks at, at most the limit arrive, wherever between its claim and its end a request
     * reaches it: the last one claimed of those that reach it in that second counted all the others (proof in
     * docs/delivery.md). One statement, so a record that commits meanwhile is seen either still leased or ended
     * (two counts could miss it between them). Counting claims only let requests that left late bunch with the
     * next second's (56-58 in a second for a limit of 50 in the delivery benchmark).
     */
    private long inWindow(Webhook w, Delivery d, Instant since, Instant now) {
        return em.createNamedQuery(Delivery.COUNT_IN_RATE_WINDOW, Long.class)
                .setParameter("webhook", w).setParameter("since", since).setParameter("now", now)
                .setParameter("id", d.getId()).getSingleResult();
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
}
