package com.hcc.webhooks.logs.boundary;

import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.platform.entity.InstantConverter;
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

    /**
     * A rejected event that names no known account (none at all, or one that does not exist): no account's logs list
     * it, so operators see it here. {@code bodyStart}: the body as received, up to {@link #BODY_START} characters.
     */
    public record Unclaimed(long id, Instant receivedAt, String eventName, String accountId, String reason,
                            String bodyStart) {
    }

    static final int BODY_START = 300;

    /** The latest rejected events that name no known account, newest first (operators). */
    public List<Unclaimed> unclaimed(int max) {
        return em.createQuery("SELECT e FROM InboundEvent e WHERE e.status = com.hcc.webhooks.events.entity.EventStatus.REJECTED"
                        + " AND (e.accountId IS NULL OR NOT EXISTS (SELECT a FROM Account a WHERE a.accountId = e.accountId))"
                        + " ORDER BY e.receivedAt DESC, e.id DESC", com.hcc.webhooks.events.entity.InboundEvent.class)
                .setMaxResults(max).getResultStream()
                .map(e -> new Unclaimed(e.getId(), e.getReceivedAt(), e.getEventName(), e.getAccountId(),
                        e.getRejectReason(), e.getPayload() == null || e.getPayload().length() <= BODY_START
                                ? e.getPayload() : e.getPayload().substring(0, BODY_START) + "..."))
                .toList();
    }

    /** Deliveries created in one hour, by outcome so far. */
    public record Hour(Instant start, long succeeded, long failed, long open) {
    }

    /**
     * How one webhook did in the last 24 hours, and whether it needs attention: disabled, failing for a while
     * (the health check's {@code failingSince}), or failing now: deliveries that ended or wait for a retry, none
     * of them succeeded. The success rate counts a delivery waiting for its retry as not succeeded (yet), so a
     * webhook whose endpoint answers 500 shows 0% from its first failed attempt, not a blank.
     */
    public record WebhookHealthView(long id, String event, String targetUrl, String apiName, boolean enabled,
                                    String disabledReason, Instant failingSince, long deliveries, long succeeded,
                                    long failed, long retrying, Double successRate, Long p95LatencyMs) {

        public boolean failingNow() {
            return succeeded == 0 && failed + retrying > 0;
        }

        public boolean needsAttention() {
            return !enabled || failingSince != null || failingNow();
        }

        public String status() {
            return !enabled ? "Disabled" : needsAttention() ? "Failing" : "Enabled";
        }

        public String why() {
            if (!enabled) {
                return disabledReason == null ? "Disabled in Webhook Settings." : disabledReason;
            }
            if (failingSince != null) {
                return "Every attempt has failed since " + InstantConverter.readable(failingSince) + ".";
            }
            return failingNow() ? "No delivery succeeded in the last 24 hours: " + failed + " failed, " + retrying
                    + " waiting for a retry." : null;
        }
    }

    public record AccountReport(List<Hour> hours, List<WebhookHealthView> webhooks) {

        public List<WebhookHealthView> attention() {
            return webhooks.stream().filter(WebhookHealthView::needsAttention).toList();
        }
    }

    /** p95 latency is taken over each webhook's latest deliveries, at most this many. */
    static final int LATENCY_SAMPLE = 2_000;

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @jakarta.ejb.EJB
    com.hcc.webhooks.accounts.boundary.Accounts accounts;

    /** The last 24 hours of one account: deliveries per hour by outcome, and each webhook's health. */
    public AccountReport report(String accountId) {
        com.hcc.webhooks.accounts.entity.Account account = accounts.require(accountId);
        Instant now = Instant.now();
        Instant firstHour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofHours(23));
        List<Hour> hours = new java.util.ArrayList<>(24);
        for (int i = 0; i < 24; i++) {
            Instant start = firstHour.plus(java.time.Duration.ofHours(i));
            Map<DeliveryStatus, Long> byStatus = new java.util.EnumMap<>(DeliveryStatus.class);
            em.createQuery("SELECT d.status, COUNT(d) FROM Delivery d WHERE d.account = :a AND " + Delivery.NOT_A_TEST
                            + " AND d.createdAt >= :from"
                            + " AND d.createdAt < :to GROUP BY d.status", Object[].class)
                    .setParameter("a", account).setParameter("from", start)
                    .setParameter("to", start.plus(java.time.Duration.ofHours(1)))
                    .getResultList().forEach(r -> byStatus.put((DeliveryStatus) r[0], (Long) r[1]));
            hours.add(new Hour(start, byStatus.getOrDefault(DeliveryStatus.SUCCEEDED, 0L),
                    byStatus.getOrDefault(DeliveryStatus.FAILED, 0L),
                    byStatus.getOrDefault(DeliveryStatus.PENDING, 0L) + byStatus.getOrDefault(DeliveryStatus.RETRYING, 0L)));
        }
        Map<Long, Map<DeliveryStatus, Long>> perWebhook = new java.util.HashMap<>();
        em.createQuery("SELECT d.webhook.id, d.status, COUNT(d) FROM Delivery d WHERE d.account = :a AND " + Delivery.NOT_A_TEST
                        + " AND d.createdAt >= :from GROUP BY d.webhook.id, d.status", Object[].class)
                .setParameter("a", account).setParameter("from", firstHour).getResultList()
                .forEach(r -> perWebhook.computeIfAbsent((Long) r[0], k -> new java.util.EnumMap<>(DeliveryStatus.class))
                        .put((DeliveryStatus) r[1], (Long) r[2]));
        List<WebhookHealthView> webhooks = em.createNamedQuery(com.hcc.webhooks.webhooks.entity.Webhook.FIND_BY_ACCOUNT,
                        com.hcc.webhooks.webhooks.entity.Webhook.class)
                .setParameter("account", account).getResultStream().map(w -> {
                    Map<DeliveryStatus, Long> c = perWebhook.getOrDefault(w.getId(), Map.of());
                    long ok = c.getOrDefault(DeliveryStatus.SUCCEEDED, 0L);
                    long failed = c.getOrDefault(DeliveryStatus.FAILED, 0L);
                    long retrying = c.getOrDefault(DeliveryStatus.RETRYING, 0L);
                    long total = c.values().stream().mapToLong(Long::longValue).sum();
                    long decided = ok + failed + retrying;
                    return new WebhookHealthView(w.getId(), w.getEvent().wireName(), w.getTargetUrl(),
                            w.getAccess() == null ? null : w.getAccess().getApiName(), w.isEnabled(),
                            w.getDisabledReason(), w.getFailingSince(), total, ok, failed, retrying,
                            decided == 0 ? null : 100.0 * ok / decided, p95(account, w, firstHour));
                }).toList();
        return new AccountReport(hours, webhooks);
    }

    private Long p95(com.hcc.webhooks.accounts.entity.Account account, com.hcc.webhooks.webhooks.entity.Webhook w,
                     Instant from) {
        List<Long> latencies = new java.util.ArrayList<>(em.createQuery("SELECT d.lastLatencyMs FROM Delivery d"
                        + " WHERE d.account = :a AND d.webhook = :w AND d.createdAt >= :from AND " + Delivery.NOT_A_TEST
                        + " AND d.status = com.hcc.webhooks.delivery.entity.DeliveryStatus.SUCCEEDED"
                        + " ORDER BY d.createdAt DESC", Long.class)
                .setParameter("a", account).setParameter("w", w).setParameter("from", from)
                .setMaxResults(LATENCY_SAMPLE).getResultList());
        latencies.removeIf(java.util.Objects::isNull);
        if (latencies.isEmpty()) {
            return null;
        }
        java.util.Collections.sort(latencies);
        return latencies.get((int) Math.ceil(0.95 * latencies.size()) - 1);
    }

    /** The counts of one account, or of the whole platform when {@code accountId} is null (operators). */
    public Summary summary(String accountId) {
        // keyed by name: EL looks map keys up by string
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (DeliveryStatus s : DeliveryStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        boolean all = accountId == null;
        String delivery = " WHERE " + Delivery.NOT_A_TEST + (all ? "" : " AND d.account.accountId = :a");
        String event = all ? "" : " AND e.accountId = :a";
        bind(em.createQuery("SELECT d.status, COUNT(d) FROM Delivery d" + delivery + " GROUP BY d.status", Object[].class), accountId)
                .getResultList().forEach(r -> byStatus.put(((DeliveryStatus) r[0]).name(), (Long) r[1]));
        return new Summary(
                all ? count("SELECT COUNT(a) FROM Account a", null) : 1,
                count("SELECT COUNT(w) FROM Webhook w" + (all ? "" : " WHERE w.account.accountId = :a"), accountId),
                // events received from producers (and samples): not tests, not our own notifications
                count("SELECT COUNT(e) FROM InboundEvent e WHERE e.status = com.hcc.webhooks.events.entity.EventStatus.ACCEPTED"
                        + " AND e.source NOT IN (com.hcc.webhooks.events.entity.EventSource.TEST,"
                        + " com.hcc.webhooks.events.entity.EventSource.SYSTEM)" + event, accountId),
                count("SELECT COUNT(e) FROM InboundEvent e WHERE e.status = com.hcc.webhooks.events.entity.EventStatus.REJECTED" + event, accountId),
                byStatus);
    }

    /** The latest deliveries of one account, or of all when {@code accountId} is null (operators). */
    public List<RecentDelivery> recent(String accountId, int max) {
        return bind(em.createQuery("SELECT d FROM Delivery d JOIN FETCH d.webhook JOIN FETCH d.event JOIN FETCH d.account a"
                        + " WHERE " + Delivery.NOT_A_TEST + (accountId == null ? "" : " AND a.accountId = :a")
                        + " ORDER BY d.id DESC", Delivery.class), accountId)
                .setMaxResults(max)
                .getResultStream()
                .map(d -> new RecentDelivery(d.getMessageId(), d.getAccount().getAccountId(),
                        d.getEvent().getEventName(), d.getWebhook().getTargetUrl(), d.getStatus(), d.getAttempts(),
                        d.getLastStatusCode(), d.getLastLatencyMs(), d.getCreatedAt()))
                .toList();
    }

    private long count(String jpql, String accountId) {
        return bind(em.createQuery(jpql, Long.class), accountId).getSingleResult();
    }

    private static <T> jakarta.persistence.TypedQuery<T> bind(jakarta.persistence.TypedQuery<T> q, String accountId) {
        return accountId == null ? q : q.setParameter("a", accountId);
    }
}
