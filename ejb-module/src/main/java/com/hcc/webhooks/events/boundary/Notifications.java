package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.webhooks.control.Notices;
import com.hcc.webhooks.webhooks.entity.WebhookChange;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;

/**
 * Operational notifications (docs/notifications.md), as Svix's operational webhooks: a webhook disabled, failing
 * or recovered is published through the intake as an event of the webhook's account (source SYSTEM), in the
 * transaction that changed it, so the account's webhooks that subscribe to it get a delivery like any other:
 * signed, with their credential, retried, in the Webhooks Logs. No subscriber: stored, nothing sent.
 */
@Stateless
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());

    @EJB
    Intake intake;

    public void announce(@Observes WebhookChange change) {
        String accountId = change.webhook().getAccount().getAccountId();
        Intake.Receipt r = intake.receive(EventSource.SYSTEM, change.type().wireName(), Notices.payload(change), null,
                accountId);
        LOG.info(() -> change.type().wireName() + " of webhook " + change.webhook().getId() + " (account " + accountId
                + "): event " + r.eventId() + ", " + r.deliveries() + " notification deliveries");
    }
}
