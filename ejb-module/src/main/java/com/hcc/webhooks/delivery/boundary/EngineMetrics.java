package com.hcc.webhooks.delivery.boundary;

import jakarta.annotation.PostConstruct;
import com.hcc.webhooks.delivery.entity.Delivery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What operators watch, on Payara's {@code /metrics} (Prometheus text): events in by outcome, deliveries by
 * outcome, attempt duration, and from the database the open deliveries and the age of the oldest (a growing
 * age means the engine is not keeping up or a receiver is down). The database figures are cached for a few
 * seconds so a busy scraper costs at most one query each per interval.
 */
@ApplicationScoped
public class EngineMetrics {

    static final Duration CACHE = Duration.ofSeconds(5);

    @Inject
    MetricRegistry registry;

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(0, 0, 0));

    record Snapshot(long at, long open, long oldestAgeSeconds) {
    }

    @PostConstruct
    void register() {
        registry.gauge(Metadata.builder().withName("hcc.deliveries.open")
                .withDescription("Deliveries pending or waiting for a retry").build(), this, m -> m.current().open());
        registry.gauge(Metadata.builder().withName("hcc.deliveries.oldest.open.age")
                .withDescription("How long the most overdue delivery has waited past its due time for a worker")
                .withUnit(MetricUnits.SECONDS).build(),
                this, m -> m.current().oldestAgeSeconds());
    }

    public void delivery(String outcome, long durationMillis) {
        registry.counter("hcc.deliveries", new Tag("outcome", outcome)).inc();
        registry.timer("hcc.attempt.duration").update(Duration.ofMillis(durationMillis));
    }

    /**
     * A delivery that went although its call's order could not be kept: {@code without_earlier} (an earlier stage
     * did not arrive within the order wait) or {@code late} (it arrived after a later one had been sent).
     */
    public void outOfOrder(String kind) {
        registry.counter("hcc.deliveries.out.of.order", new Tag("kind", kind)).inc();
    }

    Snapshot current() {
        Snapshot s = snapshot.get();
        long now = System.currentTimeMillis();
        if (now - s.at() > CACHE.toMillis()) {
            try {
                s = read(now);
                snapshot.set(s);
            } catch (RuntimeException e) {
                // database unreachable: keep the last figures; readiness reports the outage
            }
        }
        return s;
    }

    /**
     * The figures from the database: the open deliveries, and how long the most overdue one that nobody holds has
     * waited past its due time (0 when every due delivery is being attempted: a retry waiting for its time, or one
     * in flight, is not late).
     */
    Snapshot read(long at) {
        Instant now = Instant.ofEpochMilli(at);
        long open = em.createNamedQuery(Delivery.COUNT_OPEN, Long.class).setParameter("epoch", Instant.EPOCH)
                .getSingleResult();
        long waited = em.createNamedQuery(Delivery.OLDEST_WAITING, Instant.class).setParameter("epoch", Instant.EPOCH)
                .setParameter("now", now).setMaxResults(1).getResultStream().findFirst()
                .map(due -> Duration.between(due, now).toSeconds()).orElse(0L);
        return new Snapshot(at, open, Math.max(0, waited));
    }
}
