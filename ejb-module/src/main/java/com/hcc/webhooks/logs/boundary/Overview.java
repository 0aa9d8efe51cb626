package com.hcc.webhooks.logs.boundary;

import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the portal's overview shows: how much is configured, and how recent deliveries went. */
@Stateless
public class Overview {

    public record Summary(long accounts, long webhooks, long acceptedEvents, long rejectedEvents,
                          Map<String, Long> deliveries) {
    }

    public record RecentDelivery(String messageId, String accountId, String event, String targetUrl,
                                 DeliveryStatus status, int attempts, Integer lastStatusCode, Long latencyMs,
                                 Instant createdAt) {
    }

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    public Summary summary() {
        // keyed by name: EL looks map keys up by string
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (DeliveryStatus s : DeliveryStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        em.createQuery("SELECT d.status, COUNT(d) FROM Delivery d GROUP BY d.status", Object[].class)
                .getResultList().forEach(r -> byStatus.put(((DeliveryStatus) r[0]).name(), (Long) r[1]));
        return new Summary(
                count("SELECT COUNT(a) FROM Account a"),
                count("SELECT COUNT(w) FROM Webhook w"),
                count("SELECT COUNT(e) FROM InboundEvent e WHERE e.status = com.hcc.webhooks.events.entity.EventStatus.ACCEPTED"),
                count("SELECT COUNT(e) FROM InboundEvent e WHERE e.status = com.hcc.webhooks.events.entity.EventStatus.REJECTED"),
                byStatus);
    }

    public List<RecentDelivery> recent(int max) {
        return em.createQuery("SELECT d FROM Delivery d JOIN FETCH d.webhook JOIN FETCH d.event JOIN FETCH d.account"
                        + " ORDER BY d.id DESC", Delivery.class)
                .setMaxResults(max)
                .getResultStream()
                .map(d -> new RecentDelivery(d.getMessageId(), d.getAccount().getAccountId(),
                        d.getEvent().getEventName(), d.getWebhook().getTargetUrl(), d.getStatus(), d.getAttempts(),
                        d.getLastStatusCode(), d.getLastLatencyMs(), d.getCreatedAt()))
                .toList();
    }

    private long count(String jpql) {
        return em.createQuery(jpql, Long.class).getSingleResult();
    }
}
