package com.hcc.webhooks.logs.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.delivery.boundary.Deliveries;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryAttempt;
import com.hcc.webhooks.events.entity.InboundEvent;
import com.hcc.webhooks.platform.control.JsonText;
import com.hcc.webhooks.logs.control.LogCursor;
import com.hcc.webhooks.logs.control.LogQuery;
import com.hcc.webhooks.logs.control.LogQuery.Filter;
import com.hcc.webhooks.logs.control.LogQuery.Status;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import com.hcc.webhooks.platform.entity.InstantConverter;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reports -> Webhooks Logs, the reader: find any delivery (and any rejected event) of an account fast, and show
 * exactly what was sent (resending is the engine's: Deliveries). The question as SQL is LogQuery's.
 * <p>
 * Speed at millions of rows: every filter has an index that starts with the account and ends with the time
 * (migration V004), so a page reads only the rows it shows, newest first. Deliveries and rejected events are
 * two sources merged by time; the API pages with a cursor (no OFFSET), the portal with offsets on shallow pages.
 */
@Stateless
public class Logs {

    public static final int MAX_PAGE_SIZE = 500;

    /**
     * One line of the report. {@code id} is the delivery's webhook-id, or {@code rej_<n>} for a rejected event;
     * {@code test} marks a "Send test" from the portal.
     */
    public record Row(String id, Instant time, String event, Long webhookId, String apiName, String targetUrl,
                      Long callId, Long leadId, String phone, Status status, int attempts, Integer lastStatusCode,
                      Long latencyMs, String error, Instant nextAttemptAt, boolean test) {

        public boolean rejected() {
            return status == Status.REJECTED;
        }
    }

    public record Page(List<Row> rows, String nextCursor) {
    }

    /** One HTTP attempt, for the timeline. */
    public record AttemptView(int number, Instant startedAt, long durationMs, String method, String url,
                              Integer responseStatus, boolean succeeded, String error, Instant nextAttemptAt,
                              String requestHeaders, String responseHeaders, String responseBody) {

        public String outcome() {
            if (succeeded) {
                return "Succeeded (" + responseStatus + ")";
            }
            return responseStatus != null ? "Failed (" + responseStatus + ")" : "Failed: " + error;
        }
    }

    /**
     * An expanded row: the request as {@code {"headers", "json"}} (secrets masked), the last response, every
     * attempt; or, for a rejected event, why and the raw body.
     */
    public record Detail(Row row, String requestHeaders, String requestJson, AttemptView lastAttempt,
                         List<AttemptView> attempts, String rejectReason, String rawBody, String orderNote) {

        /** Pretty-printed, as the product documentation shows it. */
        public String document() {
            return requestHeaders == null ? null : JsonText.document(requestHeaders, requestJson);
        }
    }

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @EJB
    Accounts accounts;

    @EJB
    Deliveries deliveries;

    /** A page for the API: after the cursor (null for the first page), newest first unless ascending. */
    public Page page(String accountId, Filter filter, String cursor, int size, boolean ascending) {
        Account account = accounts.require(accountId);
        int limit = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        LogCursor after;
        try {
            after = cursor == null || cursor.isBlank() ? null : LogCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new FieldError("cursor", e.getMessage())));
        }
        List<Key> keys = keys(account, filter, after, ascending, 0, limit + 1);
        boolean more = keys.size() > limit;
        List<Key> shown = more ? keys.subList(0, limit) : keys;
        Key last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        return new Page(rows(shown), more ? new LogCursor(last.time, last.source, last.id).encode() : null);
    }

    /** A page for the portal's paginator. */
    public List<Row> rows(String accountId, Filter filter, int first, int size, boolean ascending) {
        Account account = accounts.require(accountId);
        return rows(keys(account, filter, null, ascending, Math.max(0, first), Math.max(1, Math.min(size, MAX_PAGE_SIZE))));
    }

    /** How many rows match, up to {@link #COUNT_CAP} + 1. */
    public int count(String accountId, Filter filter) {
        Account account = accounts.require(accountId);
        int n = 0;
        for (LogQuery.Source s : LogQuery.sources(account.getId(), account.getAccountId(), filter)) {
            n += ((Number) query(LogQuery.count(s)).getSingleResult()).intValue();
        }
        return Math.min(n, LogQuery.COUNT_CAP + 1);
    }

    public Detail detail(String accountId, String logId) {
        Account account = accounts.require(accountId);
        if (logId != null && logId.startsWith("rej_")) {
            InboundEvent e = rejected(account, logId);
            return new Detail(rejectedRow(e), null, null, null, List.of(), e.getRejectReason(), e.getPayload(), null);
        }
        Delivery d = delivery(account, logId);
        List<AttemptView> attempts = em.createNamedQuery(DeliveryAttempt.FIND_BY_DELIVERY, DeliveryAttempt.class)
                .setParameter("delivery", d).getResultStream().map(Logs::attemptView).toList();
        DeliveryAttempt lastSent = em.createNamedQuery(DeliveryAttempt.FIND_BY_DELIVERY, DeliveryAttempt.class)
                .setParameter("delivery", d).getResultStream().reduce((a, b) -> b).orElse(null);
        String headers;
        String json;
        if (lastSent != null) {
            headers = lastSent.getRequestHeaders();
            json = lastSent.getRequestBody() != null ? lastSent.getRequestBody() : d.getEvent().getPayload();
        } else {
            // not sent yet: what would be sent now
            headers = deliveries.plannedHeaders(d);
            json = d.getEvent().getPayload();
        }
        return new Detail(deliveryRow(d), headers, json, attempts.isEmpty() ? null : attempts.get(attempts.size() - 1),
                attempts, null, null, d.getOrderNote());
    }

    private Delivery delivery(Account account, String messageId) {
        return em.createNamedQuery(Delivery.FIND_BY_MESSAGE_ID, Delivery.class)
                .setParameter("id", messageId == null ? "" : messageId).setParameter("account", account)
                .getResultStream().findFirst().orElseThrow(() -> ProblemException.notFound("log " + messageId));
    }

    private InboundEvent rejected(Account account, String logId) {
        Long id = InboundEvent.rejectedId(logId);
        InboundEvent e = id == null ? null : em.find(InboundEvent.class, id);
        if (e == null || !e.isRejectedOf(account.getAccountId())) {
            throw ProblemException.notFound("log " + logId);
        }
        return e;
    }

    // --- the query: sources, keys, rows -------------------------------------------------------------------

    /** A row's place in the order (time, source, id). */
    private record Key(Instant time, int source, long id) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::time).thenComparingInt(Key::source)
            .thenComparingLong(Key::id);

    /**
     * The keys of the rows to show, in order: each source reads at most offset + limit keys from its index
     * (deliveries and rejected events are merged here, by time).
     */
    private List<Key> keys(Account account, Filter filter, LogCursor after, boolean ascending, int offset, int limit) {
        List<LogQuery.Source> sources = LogQuery.sources(account.getId(), account.getAccountId(), filter);
        boolean alone = sources.size() == 1;
        List<Key> keys = new ArrayList<>();
        for (LogQuery.Source s : sources) {
            for (Object r : query(LogQuery.keys(s, after, ascending, offset, limit, alone)).getResultList()) {
                Object[] row = (Object[]) r;
                keys.add(new Key(InstantConverter.fromUtc(row[1]), s.kind(), ((Number) row[0]).longValue()));
            }
        }
        if (alone) {
            return keys;
        }
        keys.sort(ascending ? ORDER : ORDER.reversed());
        return keys.subList(Math.min(offset, keys.size()), Math.min(offset + limit, keys.size()));
    }

    private List<Row> rows(List<Key> keys) {
        Map<Integer, List<Long>> ids = keys.stream().collect(Collectors.groupingBy(Key::source,
                Collectors.mapping(Key::id, Collectors.toList())));
        Map<String, Row> byKey = new HashMap<>();
        if (ids.containsKey(LogCursor.DELIVERY)) {
            em.createQuery("SELECT d FROM Delivery d JOIN FETCH d.webhook w LEFT JOIN FETCH w.access"
                            + " WHERE d.id IN :ids", Delivery.class)
                    .setParameter("ids", ids.get(LogCursor.DELIVERY)).getResultStream()
                    .forEach(d -> byKey.put(LogCursor.DELIVERY + ":" + d.getId(), deliveryRow(d)));
        }
        if (ids.containsKey(LogCursor.REJECTED)) {
            em.createQuery("SELECT e FROM InboundEvent e WHERE e.id IN :ids", InboundEvent.class)
                    .setParameter("ids", ids.get(LogCursor.REJECTED)).getResultStream()
                    .forEach(e -> byKey.put(LogCursor.REJECTED + ":" + e.getId(), rejectedRow(e)));
        }
        Function<Key, Row> row = k -> byKey.get(k.source + ":" + k.id);
        return keys.stream().map(row).filter(java.util.Objects::nonNull).toList();
    }

    private static Row deliveryRow(Delivery d) {
        Webhook w = d.getWebhook();
        return new Row(d.getMessageId(), d.getCreatedAt(), d.getEventType() == null ? null : d.getEventType().wireName(),
                w.getId(), w.getAccess() == null ? null : w.getAccess().getApiName(), w.getTargetUrl(), d.getCallId(),
                d.getLeadId(), d.getPhone(), Status.valueOf(d.getStatus().name()), d.getAttempts(),
                d.getLastStatusCode(), d.getLastLatencyMs(), d.getLastError(),
                d.getStatus().isTerminal() ? null : d.getNextAttemptAt(), Delivery.isTest(d.getMessageId()));
    }

    private static Row rejectedRow(InboundEvent e) {
        return new Row("rej_" + e.getId(), e.getReceivedAt(), e.getEventName(), null, null, null, e.getCallId(),
                e.getLeadId(), e.getPhone(), Status.REJECTED, 0, null, null, e.getRejectReason(), null, false);
    }

    private static AttemptView attemptView(DeliveryAttempt a) {
        return new AttemptView(a.getAttemptNo(), a.getStartedAt(), a.getDurationMs(), a.getRequestMethod(),
                a.getRequestUrl(), a.getResponseStatus(), a.isSucceeded(),
                a.getErrorClass() == null ? a.getErrorMessage()
                        : a.getErrorClass() + (a.getErrorMessage() == null ? "" : ": " + a.getErrorMessage()),
                a.getNextAttemptAt(), a.getRequestHeaders(), a.getResponseHeaders(), a.getResponseBody());
    }

    /** A native statement of LogQuery, its times bound as the database keeps them (UTC wall clock). */
    private Query query(LogQuery.Sql sql) {
        Query q = em.createNativeQuery(sql.text());
        for (int i = 0; i < sql.params().size(); i++) {
            Object v = sql.params().get(i);
            q.setParameter(i + 1, v instanceof Instant t ? InstantConverter.toUtc(t) : v);
        }
        return q;
    }
}
