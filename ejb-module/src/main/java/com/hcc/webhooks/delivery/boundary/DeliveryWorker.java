package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.AttemptResult;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One attempt of one delivery: claim (short transaction), send (no transaction), record (short transaction). */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());

    @Inject
    DeliveryStore store;

    @Inject
    EngineSettings settings;

    public void process(long deliveryId) {
        try {
            Optional<OutboundRequest> request = store.claim(deliveryId, settings.instanceId());
            if (request.isEmpty()) {
                return;
            }
            AttemptResult result = settings.sender().send(request.get());
            store.record(deliveryId, request.get(), result);
        } catch (RuntimeException e) {
            // The lease expires and the poller tries again; the cause is logged without request details.
            LOG.log(Level.WARNING, "Delivery " + deliveryId + " was not completed; it is retried when its lease expires: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
