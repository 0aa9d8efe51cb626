package com.hcc.webhooks.logs.boundary;

import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes Webhooks Logs rows older than {@code hcc.logs.retention-days} (attempts, finished deliveries, and
 * events no delivery needs any more), and clears response bodies and request body copies older than
 * {@code hcc.logs.body-retention-days}. It walks each table in primary-key order (ids grow with time), in
 * batches of {@value #BATCH} rows, each batch its own short transaction: the tables are never locked for
 * long, and deliveries keep flowing while it runs. Open deliveries are never deleted.
 */
@Singleton
public class Retention {

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    public record Purged(int deliveries, int attempts, int events, int bodiesCleared) {
    }

    @Inject
    @ConfigProperty(name = "hcc.logs.retention-days", defaultValue = "30")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "hcc.logs.body-retention-days", defaultValue = "30")
    int bodyRetentionDays;

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Resource
    SessionContext context;

    private Retention self;
    /** Attempts up to here have had their bodies cleared (walked again from the start after a restart). */
    private volatile long bodiesClearedUpTo;

    @PostConstruct
    void init() {
        self = context.getBusinessObject(Retention.class);
        if (retentionDays < 1 || bodyRetentionDays < 1 || bodyRetentionDays > retentionDays) {
            LOG.warning(() -> "hcc.logs.retention-days=" + retentionDays + " and hcc.logs.body-retention-days="
                    + bodyRetentionDays + " must be at least 1, bodies no longer than rows; using 30 and 30");
            retentionDays = 30;
            bodyRetentionDays = 30;
        }
    }

    @Schedule(hour = "*", minute = "17", persistent = false, info = "webhooks logs retention")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void hourly() {
        Instant now = Instant.now();
        try {
            Purged p = purge(now.minus(Duration.ofDays(retentionDays)), now.minus(Duration.ofDays(bodyRetentionDays)));
            if (p.deliveries() + p.events() + p.bodiesCleared() > 0) {
                LOG.info(() -> "Logs retention: deleted " + p.deliveries() + " deliveries, " + p.attempts()
                        + " attempts, " + p.events() + " events; cleared " + p.bodiesCleared() + " bodies");
            }
        } catch (RuntimeException e) {
            // never out of the timer: Payara drops a timer whose tick fails twice (DuePoller); its batches are
            // transactions of their own, and the next hour takes up where this one stopped
            LOG.warning(() -> "Logs retention failed (database unreachable?); trying again next hour: " + e.getMessage());
        }
    }

    /** Deletes what is older than {@code rowsBefore} and clears bodies older than {@code bodiesBefore}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Purged purge(Instant rowsBefore, Instant bodiesBefore) {
        int deliveries = 0;
        int attempts = 0;
        int events = 0;
        int bodies = 0;
        long after = 0;
        while (true) {
            long[] r = self.deleteDeliveries(rowsBefore, after);
            deliveries += (int) r[1];
            attempts += (int) r[2];
            if (r[0] < 0) {
                break;
            }
            after = r[0];
        }
        after = 0;
        while (true) {
            long[] r = self.deleteEvents(rowsBefore, after);
            events += (int) r[1];
            if (r[0] < 0) {
                break;
            }
            after = r[0];
        }
        if (bodiesBefore.isAfter(rowsBefore)) {
            while (true) {
                long[] r = self.clearBodies(bodiesBefore, bodiesClearedUpTo);
                bodies += (int) r[1];
                if (r[0] < 0) {
                    break;
                }
                bodiesClearedUpTo = r[0];
            }
        }
        return new Purged(deliveries, attempts, events, bodies);
    }

    /**
     * One batch: the next deliveries by id; those finished before the cutoff go, with their attempts.
     *
     * @return {last id walked or -1 when the walk reached the cutoff, deliveries deleted, attempts deleted}
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long[] deleteDeliveries(Instant before, long afterId) {
        List<Object[]> batch = em.createQuery("SELECT d.id, d.createdAt, d.status FROM Delivery d WHERE d.id > :after"
                + " ORDER BY d.id", Object[].class).setParameter("after", afterId).setMaxResults(BATCH).getResultList();
        List<Long> old = batch.stream().filter(r -> ((Instant) r[1]).isBefore(before)
                && ((DeliveryStatus) r[2]).isTerminal()).map(r -> (Long) r[0]).toList();
        if (!old.isEmpty()) {
            // Read again, locked: one resent since the read above is open again and stays (its row is current
            // here, not the read's snapshot); one resent from now on waits for this delete and finds nothing.
            old = em.createQuery("SELECT d.id FROM Delivery d WHERE d.id IN :ids AND d.status IN :finished"
                            + " ORDER BY d.id", Long.class)
                    .setParameter("ids", old).setParameter("finished", DeliveryStatus.FINISHED)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        }
        int attempts = 0;
        int deliveries = 0;
        if (!old.isEmpty()) {
            attempts = em.createQuery("DELETE FROM DeliveryAttempt a WHERE a.delivery.id IN :ids")
                    .setParameter("ids", old).executeUpdate();
            deliveries = em.createQuery("DELETE FROM Delivery d WHERE d.id IN :ids").setParameter("ids", old)
                    .executeUpdate();
        }
        return new long[] {walkedTo(batch, before), deliveries, attempts};
    }

    /** One batch of events: those received before the cutoff that no delivery refers to any more go. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long[] deleteEvents(Instant before, long afterId) {
        List<Object[]> batch = em.createQuery("SELECT e.id, e.receivedAt FROM InboundEvent e WHERE e.id > :after"
                + " ORDER BY e.id", Object[].class).setParameter("after", afterId).setMaxResults(BATCH).getResultList();
        List<Long> old = batch.stream().filter(r -> ((Instant) r[1]).isBefore(before)).map(r -> (Long) r[0]).toList();
        int events = 0;
        if (!old.isEmpty()) {
            events = em.createQuery("DELETE FROM InboundEvent e WHERE e.id IN :ids AND NOT EXISTS"
                            + " (SELECT d.id FROM Delivery d WHERE d.event = e)")
                    .setParameter("ids", old).executeUpdate();
        }
        return new long[] {walkedTo(batch, before), events};
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long[] clearBodies(Instant before, long afterId) {
        List<Object[]> batch = em.createQuery("SELECT a.id, a.startedAt FROM DeliveryAttempt a WHERE a.id > :after"
                + " ORDER BY a.id", Object[].class).setParameter("after", afterId).setMaxResults(BATCH).getResultList();
        List<Long> old = batch.stream().filter(r -> ((Instant) r[1]).isBefore(before)).map(r -> (Long) r[0]).toList();
        int cleared = 0;
        if (!old.isEmpty()) {
            cleared = em.createQuery("UPDATE DeliveryAttempt a SET a.responseBody = NULL, a.requestBody = NULL"
                    + " WHERE a.id IN :ids AND (a.responseBody IS NOT NULL OR a.requestBody IS NOT NULL)")
                    .setParameter("ids", old).executeUpdate();
        }
        return new long[] {walkedTo(batch, before), cleared};
    }

    /**
     * Where the next batch starts, or -1 when this batch was the last (it was short, or reached rows newer than
     * the cutoff: ids grow with time, so the rest is newer too).
     */
    private static long walkedTo(List<Object[]> batch, Instant before) {
        if (batch.size() < BATCH || !((Instant) batch.get(batch.size() - 1)[1]).isBefore(before)) {
            return -1;
        }
        return (Long) batch.get(batch.size() - 1)[0];
    }
}
