package com.hcc.webhooks.delivery.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds deliveries that are due (retries, and work whose lease expired because its worker died) and hands
 * them to the dispatcher. Non-persistent on purpose: due times live in the database, so nothing is lost
 * when Payara Micro forgets its timers on restart.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DuePoller {

    private static final Logger LOG = Logger.getLogger(DuePoller.class.getName());

    @EJB
    DeliveryStore store;

    @Inject
    Dispatcher dispatcher;

    @Inject
    EngineSettings settings;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "delivery poller")
    void poll() {
        if (dispatcher.draining()) {
            return; // stopping: the other instances' pollers take what is due
        }
        try {
            if (dispatcher.backlog() < settings.pollBatch()) {
                dispatcher.dispatch(store.due(settings.pollBatch(), dispatcher.busyWebhooks()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivery poll failed (database unreachable?); trying again in 1 s: " + e.getMessage());
        }
    }
}
