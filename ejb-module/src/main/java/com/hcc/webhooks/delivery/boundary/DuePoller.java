package com.hcc.webhooks.delivery.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds deliveries that are due (retries, and work whose lease expired because its worker died) and hands
 * them to the dispatcher. Non-persistent on purpose: due times live in the database, so nothing is lost
 * when Payara Micro forgets its timers on restart.
 * <p>
 * Bean-managed, so the container runs the timeout in no transaction of its own: with container-managed
 * NOT_SUPPORTED, Payara still ran it in one, a poll that failed while MariaDB restarted rolled it back, and after
 * two such ticks Payara dropped the timer for good (EJB5119, "expunging timer"): that instance never polled again,
 * and retries waited for another instance or a restart (FaultsIT, 2026-12-03). The poll's read is a transaction of
 * its own (Claims.due), and a failed one is logged and tried again at the next tick.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class DuePoller {

    private static final Logger LOG = Logger.getLogger(DuePoller.class.getName());

    @EJB
    Claims claims;

    @Inject
    Workers workers;

    @Inject
    EngineSettings settings;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "delivery poller")
    void poll() {
        if (workers.draining()) {
            return; // stopping: the other instances' pollers take what is due
        }
        try {
            if (workers.backlog() < settings.pollBatch()) {
                workers.dispatch(claims.due(settings.pollBatch(), workers.busyWebhooks()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivery poll failed (database unreachable?); trying again in 1 s: " + e.getMessage());
        }
    }
}
