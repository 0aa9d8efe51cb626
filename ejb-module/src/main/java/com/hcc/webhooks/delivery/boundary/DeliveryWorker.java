package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.AttemptResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attempt of one delivery: claim (short transaction), send (no transaction), record (short transaction).
 * <p>
 * Besides a webhook's own limits (enforced cluster-wide in the claim), every webhook gets at most
 * {@code hcc.delivery.max-concurrent-per-webhook} of this instance's workers, so one slow or unreachable endpoint
 * can never occupy them all and hold up other webhooks and accounts.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    static final Duration BUSY_RETRY = Duration.ofMillis(250);

    @Inject
    DeliveryStore store;

    @Inject
    EngineSettings settings;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Sending sending;

    private final Map<Long, Semaphore> perWebhook = new ConcurrentHashMap<>();

    public void process(long deliveryId) {
        try {
            DeliveryStore.Claim claim = store.claim(deliveryId, settings.instanceId());
            if (claim instanceof DeliveryStore.Deferred deferred) {
                dispatcher.dispatchAt(deliveryId, deferred.until());
            } else if (claim instanceof DeliveryStore.Send send) {
                Semaphore slots = perWebhook.computeIfAbsent(send.webhookId(),
                        k -> new Semaphore(settings.maxConcurrentPerWebhook()));
                if (!slots.tryAcquire()) {
                    Instant later = Instant.now().plus(BUSY_RETRY);
                    store.defer(deliveryId, later);
                    dispatcher.dispatchAt(deliveryId, later);
                    return;
                }
                try {
                    AttemptResult result = sending.send(send.request());
                    store.record(deliveryId, send.request(), result);
                } finally {
                    slots.release();
                }
            }
        } catch (RuntimeException e) {
            // The lease expires and the poller tries again; the cause is logged without request details.
            LOG.log(Level.WARNING, "Delivery " + deliveryId + " was not completed; it is retried when its lease expires: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
