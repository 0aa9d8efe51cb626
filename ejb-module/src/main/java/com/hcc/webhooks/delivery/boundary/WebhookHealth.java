package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.platform.entity.InstantConverter;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.webhooks.entity.Webhook;
import com.hcc.webhooks.webhooks.entity.WebhookChange;
import jakarta.enterprise.event.Event;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Auto-disable, as Svix does it: a webhook whose every delivery has failed for
 * {@code hcc.delivery.auto-disable-after} (default 5 days) is disabled, with the reason shown to the account.
 * Computed every few minutes from the delivery rows (the first delivery that failed after the last success),
 * so the hot path never writes to the webhook's row. A webhook that starts failing, recovers or is disabled here is
 * announced to its account as an operational notification ({@link WebhookChange}; docs/notifications.md).
 */
@Singleton
public class WebhookHealth {

    private static final Logger LOG = Logger.getLogger(WebhookHealth.class.getName());

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Inject
    EngineSettings settings;

    /** Failing, recovered, disabled: operational notifications to the webhook's account (events' Notifications). */
    @Inject
    Event<WebhookChange> changes;

    @Resource
    SessionContext context;

    /** This bean through its container, so that {@link #review()} runs in a transaction of its own. */
    private WebhookHealth self;

    @PostConstruct
    void init() {
        self = context.getBusinessObject(WebhookHealth.class);
    }

    /**
     * Every five minutes. Never fails the timer: Payara drops a timer whose tick fails twice (DuePoller), so the review
     * is a transaction of its own and a failed one (the database restarting) is logged and done at the next tick.
     */
    @Schedule(hour = "*", minute = "*/5", persistent = false, info = "webhook health and auto-disable")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void scheduled() {
        try {
            self.review();
        } catch (RuntimeException e) {
            LOG.warning(() -> "Webhook health review failed (database unreachable?); trying again in five minutes: "
                    + e.getMessage());
        }
    }

    /** Reviews every enabled webhook, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void review() {
        Instant now = Instant.now();
        Instant disableBefore = now.minus(settings.autoDisableAfter());
        for (Webhook w : em.createNamedQuery(Webhook.FIND_ENABLED, Webhook.class).getResultList()) {
            // ordered single rows rather than MAX/MIN: EclipseLink skips the Instant converter on aggregates
            Instant lastSuccess = em.createNamedQuery(Delivery.LAST_SUCCESS, Instant.class)
                    .setParameter("webhook", w).setMaxResults(1).getResultStream().findFirst().orElse(Instant.EPOCH);
            Instant failingSince = em.createNamedQuery(Delivery.FIRST_FAILURE_AFTER, Instant.class)
                    .setParameter("webhook", w).setParameter("after", lastSuccess)
                    .setMaxResults(1).getResultStream().findFirst().orElse(null);
            Instant wasFailingSince = w.getFailingSince();
            if (failingSince == null ? wasFailingSince != null : !failingSince.equals(wasFailingSince)) {
                w.failingSince(failingSince);
            }
            if (failingSince != null && failingSince.isBefore(disableBefore)) {
                w.disable("Every delivery has failed since " + InstantConverter.readable(failingSince)
                        + ": disabled automatically. Fix the endpoint, then enable the webhook again.");
                LOG.warning(() -> "Disabled " + w + " of account " + w.getAccount().getAccountId()
                        + ": every delivery failed since " + failingSince);
                changes.fire(new WebhookChange(w, EventType.WEBHOOK_DISABLED, w.getDisabledReason(), failingSince, now));
            } else if (failingSince != null && wasFailingSince == null) {
                changes.fire(new WebhookChange(w, EventType.WEBHOOK_FAILING, null, failingSince, now));
            } else if (failingSince == null && wasFailingSince != null) {
                changes.fire(new WebhookChange(w, EventType.WEBHOOK_RECOVERED, null, null, now));
            }
        }
    }
}
