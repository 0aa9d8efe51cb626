package com.hcc.webhooks.logs.boundary;

import com.hcc.webhooks.platform.control.Jsons;
import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.delivery.boundary.DeliveriesDue;
import com.hcc.webhooks.delivery.boundary.DeliveryStore;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryAttempt;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.events.entity.EventStatus;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.events.entity.InboundEvent;
import com.hcc.webhooks.logs.control.JsonText;
import com.hcc.webhooks.logs.control.LogCursor;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reports -> Webhooks Logs: find any delivery (and any rejected event) of an account fast, show exactly what
 * was sent, send it again.
 * <p>
 * Speed at millions of rows: every filter has an index that starts with the account and ends with the time
 * (migration V004), so a page reads only the rows it shows, newest first. Deliveries and rejected events are
 * two sources merged by time; the API pages with a cursor (no OFFSET), the portal with offsets on shallow pages.
 */
@Stateless
public class Logs {

    public static final int MAX_PAGE_SIZE = 500;
    /** Counting stops here: the table says "more than 10,000" instead of counting millions of rows. */
    public static final int COUNT_CAP = 10_000;
    public static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final int RECOVER_BATCH = 500;
    private static final List<DeliveryStatus> OPEN = List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING);

    /** A row's status as the report shows it: a delivery's, or Rejected for an event that was refused. */
    public enum Status {
        PENDING("Pending"), RETRYING("Retrying"), SUCCEEDED("Succeeded"), FAILED("Failed"), REJECTED("Rejected");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What to show: a time range [from, to), and at most one of each other filter. */
    public record Filter(Instant from, Instant to, EventType event, Long webhookId, Status status, String search) {

        /** Without {@code to} the range runs up to now (every time it is read); without {@code from}, 24 h before it. */
        public Filter {
            search = search == null || search.isBlank() ? null : search.strip();
        }

        @Override
        public Instant to() {
            return to == null ? Instant.now() : to;
        }

        @Override
        public Instant from() {
            return from == null ? to().minus(DEFAULT_RANGE) : from;
        }

        public static Filter last24Hours() {
            return new Filter(null, null, null, null, null, null);
        }

        /** From the API's query parameters: every bad one named in a 422. */
        public static Filter parse(String from, String to, String event, Long webhookId, String status,
                                   String search) {
            List<FieldError> errors = new ArrayList<>();
            Instant f = instant("from", from, errors);
            Instant t = instant("to", to, errors);
            EventType e = null;
            if (event != null && !event.isBlank()) {
                e = EventType.fromWireName(event.strip()).orElse(null);
                if (e == null) {
                    errors.add(new FieldError("event", "must be call.created, call.ended, call.saved or lead.reg_f_blocked"));
                }
            }
            Status s = null;
            if (status != null && !status.isBlank()) {
                try {
                    s = Status.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    errors.add(new FieldError("status", "must be pending, retrying, succeeded, failed or rejected"));
                }
            }
            if (f != null && t != null && !f.isBefore(t)) {
                errors.add(new FieldError("from", "must be before to"));
            }
            Filter filter = new Filter(f, t, e, webhookId, s, search);
            try {
                Search.of(filter.search());
            } catch (IllegalArgumentException ex) {
                errors.add(new FieldError("search", ex.getMessage()));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            return filter;
        }

        static Instant instant(String field, String value, List<FieldError> errors) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                try {
                    return java.time.OffsetDateTime.parse(value.strip()).toInstant();
                } catch (DateTimeParseException e2) {
                    errors.add(new FieldError(field, "must be an ISO-8601 time, e.g. 2026-11-27T10:00:00Z"));
                    return null;
                }
            }
        }
    }

    /** The search box: a webhook-id, a rejected event's id, or a number matched as call_id, lead_id or phone. */
    record Search(String messageId, Long rejectedId, Long number, String phone) {

        static Search of(String text) {
            if (text == null) {
                return null;
            }
            if (text.startsWith("msg_")) {
                return new Search(text, null, null, null);
            }
            if (text.startsWith("rej_")) {
                try {
                    return new Search(null, Long.parseLong(text.substring(4)), null, null);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("rej_ must be followed by the number of a rejected event");
                }
            }
            String digits = text.replaceAll("[\\s().+-]", "");
            if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 32) {
                throw new IllegalArgumentException(
                        "enter a call ID, a lead ID, a phone number, or a webhook-id (msg_...)");
            }
            Long number = digits.length() <= 18 ? Long.parseLong(digits) : null;
            return new Search(null, null, number, digits);
        }
    }

    /** One line of the report. {@code id} is the delivery's webhook-id, or {@code rej_<n>} for a rejected event. */
    public record Row(String id, Instant time, String event, Long webhookId, String apiName, String targetUrl,
                      Long callId, Long leadId, String phone, Status status, int attempts, Integer lastStatusCode,
                      Long latencyMs, String error, Instant nextAttemptAt) {

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

    public record Recovery(long webhookId, Instant since, int requeued) {
    }

    /** A time the API was given, e.g. {@code since}: ISO-8601, refused with the field's name. */
    public static Instant parseTime(String field, String value) {
        List<FieldError> errors = new ArrayList<>();
        Instant t = Filter.instant(field, value, errors);
        if (t == null && errors.isEmpty()) {
            errors.add(new FieldError(field, "is required: an ISO-8601 time, e.g. 2026-11-27T10:00:00Z"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return t;
    }

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @EJB
    Accounts accounts;

    @EJB
    DeliveryStore deliveryStore;

    @Inject
    Event<DeliveriesDue> deliveriesDue;

    @Resource
    SessionContext context;

    private Logs self;

    @PostConstruct
    void init() {
        self = context.getBusinessObject(Logs.class);
    }

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
        for (Source s : sources(account, filter)) {
            Query q = em.createNativeQuery("SELECT COUNT(*) FROM (SELECT 1 FROM " + s.table + " WHERE " + s.where
                    + " LIMIT " + (COUNT_CAP + 1) + ") x");
            bind(q, s.params);
            n += ((Number) q.getSingleResult()).intValue();
        }
        return Math.min(n, COUNT_CAP + 1);
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
            headers = plannedHeaders(d);
            json = d.getEvent().getPayload();
        }
        return new Detail(deliveryRow(d), headers, json, attempts.isEmpty() ? null : attempts.get(attempts.size() - 1),
                attempts, null, null, d.getOrderNote());
    }

    private String plannedHeaders(Delivery d) {
        try {
            Map<String, String> masked = deliveryStore.requestFor(d.getWebhook(), d.getMessageId(),
                    d.getEvent().getPayload(), Instant.now()).maskedHeaders();
            jakarta.json.JsonObjectBuilder b = Jsons.createObjectBuilder();
            masked.forEach(b::add);
            return b.build().toString();
        } catch (RuntimeException e) {
            return "{}";
        }
    }

    /**
     * Sends one delivery again now, with the same webhook-id. Refused (409) for a rejected event, a deleted or
     * disabled webhook, and a delivery being sent right now.
     */
    public Row resend(String accountId, String logId) {
        Account account = accounts.require(accountId);
        if (logId != null && logId.startsWith("rej_")) {
            rejected(account, logId);
            throw ProblemException.conflict("A rejected event has no delivery to send: correct the producer and"
                    + " publish the event again.");
        }
        Delivery d = delivery(account, logId);
        Webhook w = d.getWebhook();
        if (w.isDeleted()) {
            throw ProblemException.conflict("The webhook of this delivery was deleted.");
        }
        if (!w.isEnabled()) {
            throw ProblemException.conflict("The webhook is disabled: enable it in Webhook Settings, then resend.");
        }
        Instant now = Instant.now();
        if (d.getLeaseUntil() != null && d.getLeaseUntil().isAfter(now)) {
            throw ProblemException.conflict("This delivery is being sent right now; look again in a moment.");
        }
        d.resend(now);
        em.flush();
        deliveriesDue.fire(DeliveriesDue.of(w.getId(), List.of(d.getId())));
        return deliveryRow(d);
    }

    /**
     * "Resend failed since": every delivery of the webhook that failed for good and was created at or after
     * {@code since} is due again now, oldest first, in batches of short transactions.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Recovery recover(String accountId, long webhookId, Instant since) {
        if (since == null) {
            throw ProblemException.invalid(List.of(new FieldError("since", "is required: an ISO-8601 time")));
        }
        self.requireRecoverable(accountId, webhookId);
        int requeued = 0;
        long after = 0;
        while (true) {
            List<Long> batch = self.requeueBatch(webhookId, since, after);
            if (batch.isEmpty()) {
                return new Recovery(webhookId, since, requeued);
            }
            requeued += batch.size();
            after = batch.get(batch.size() - 1);
        }
    }

    /** How many of a recovery's deliveries are still waiting to be sent. */
    public long recoveryRemaining(String accountId, long webhookId, Instant since) {
        Webhook w = webhook(accounts.require(accountId), webhookId);
        return em.createQuery("SELECT COUNT(d) FROM Delivery d WHERE d.webhook = :w AND d.status IN :open"
                        + " AND d.createdAt >= :since", Long.class)
                .setParameter("w", w).setParameter("open", OPEN).setParameter("since", since).getSingleResult();
    }

    public void requireRecoverable(String accountId, long webhookId) {
        Webhook w = webhook(accounts.require(accountId), webhookId);
        if (!w.isEnabled()) {
            throw ProblemException.conflict("The webhook is disabled: enable it in Webhook Settings, then resend.");
        }
    }

    /** One batch of a recovery, in its own short transaction; the ids moved, in id order. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> requeueBatch(long webhookId, Instant since, long afterId) {
        List<Long> ids = em.createQuery("SELECT d.id FROM Delivery d WHERE d.webhook.id = :w"
                        + " AND d.status = com.hcc.webhooks.delivery.entity.DeliveryStatus.FAILED"
                        + " AND d.createdAt >= :since AND d.id > :after ORDER BY d.id", Long.class)
                .setParameter("w", webhookId).setParameter("since", since).setParameter("after", afterId)
                .setMaxResults(RECOVER_BATCH).getResultList();
        if (ids.isEmpty()) {
            return ids;
        }
        Instant now = Instant.now();
        em.createQuery("SELECT d FROM Delivery d WHERE d.id IN :ids", Delivery.class).setParameter("ids", ids)
                .getResultList().forEach(d -> d.resend(now));
        deliveriesDue.fire(DeliveriesDue.of(webhookId, ids));
        return ids;
    }

    private Webhook webhook(Account account, long webhookId) {
        Webhook w = em.find(Webhook.class, webhookId);
        if (w == null || w.isDeleted() || !w.getAccount().getId().equals(account.getId())) {
            throw ProblemException.notFound("webhook " + webhookId);
        }
        return w;
    }

    private Delivery delivery(Account account, String messageId) {
        return em.createQuery("SELECT d FROM Delivery d WHERE d.messageId = :id AND d.account = :account",
                        Delivery.class)
                .setParameter("id", messageId == null ? "" : messageId).setParameter("account", account)
                .getResultStream().findFirst().orElseThrow(() -> ProblemException.notFound("log " + messageId));
    }

    private InboundEvent rejected(Account account, String logId) {
        long id;
        try {
            id = Long.parseLong(logId.substring(4));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("log " + logId);
        }
        InboundEvent e = em.find(InboundEvent.class, id);
        if (e == null || e.getStatus() != EventStatus.REJECTED || !account.getAccountId().equals(e.getAccountId())) {
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

    /** One table's part of the report: its WHERE clause and parameters for the filter. */
    private record Source(int kind, String table, String timeColumn, String where, List<Object> params) {
    }

    private List<Source> sources(Account account, Filter filter) {
        Search search = Search.of(filter.search());
        List<Source> sources = new ArrayList<>(2);
        boolean deliveries = filter.status() != Status.REJECTED && (search == null || search.rejectedId() == null);
        boolean rejected = (filter.status() == null || filter.status() == Status.REJECTED)
                && filter.webhookId() == null && (search == null || search.messageId() == null);
        if (deliveries) {
            StringBuilder w = new StringBuilder("d.account_ref = ? AND d.created_at >= ? AND d.created_at < ?");
            List<Object> p = new ArrayList<>(List.of(account.getId(), filter.from(), filter.to()));
            if (filter.status() != null) {
                w.append(" AND d.status = ?");
                p.add(filter.status().name());
            }
            if (filter.webhookId() != null) {
                w.append(" AND d.webhook_ref = ?");
                p.add(filter.webhookId());
            }
            if (filter.event() != null) {
                w.append(" AND d.event_type = ?");
                p.add(filter.event().name());
            }
            appendSearch(search, "d", w, p);
            sources.add(new Source(LogCursor.DELIVERY, "delivery d", "d.created_at", w.toString(), p));
        }
        if (rejected) {
            StringBuilder w = new StringBuilder("e.account_id = ? AND e.status = 'REJECTED'"
                    + " AND e.received_at >= ? AND e.received_at < ?");
            List<Object> p = new ArrayList<>(List.of(account.getAccountId(), filter.from(), filter.to()));
            if (filter.event() != null) {
                w.append(" AND e.event_type = ?");
                p.add(filter.event().name());
            }
            if (search != null && search.rejectedId() != null) {
                w.append(" AND e.id = ?");
                p.add(search.rejectedId());
            } else {
                appendSearch(search, "e", w, p);
            }
            sources.add(new Source(LogCursor.REJECTED, "inbound_event e", "e.received_at", w.toString(), p));
        }
        return sources;
    }

    private static void appendSearch(Search search, String alias, StringBuilder w, List<Object> p) {
        if (search == null || search.rejectedId() != null) {
            return;
        }
        if (search.messageId() != null) {
            w.append(" AND ").append(alias).append(".message_id = ?");
            p.add(search.messageId());
        } else if (search.number() != null) {
            w.append(" AND (").append(alias).append(".call_id = ? OR ").append(alias).append(".lead_id = ? OR ")
                    .append(alias).append(".phone = ?)");
            p.addAll(List.of(search.number(), search.number(), search.phone()));
        } else {
            w.append(" AND ").append(alias).append(".phone = ?");
            p.add(search.phone());
        }
    }

    /**
     * The keys of the rows to show, in order: each source reads at most offset + limit keys from its index
     * (deliveries and rejected events are merged here, by time).
     */
    private List<Key> keys(Account account, Filter filter, LogCursor after, boolean ascending, int offset, int limit) {
        List<Source> sources = sources(account, filter);
        String direction = ascending ? "ASC" : "DESC";
        List<Key> keys = new ArrayList<>();
        for (Source s : sources) {
            String where = s.where;
            List<Object> params = new ArrayList<>(s.params);
            String idColumn = s.timeColumn.substring(0, 2) + "id";
            if (after != null) {
                where += " AND " + after.after(s.kind, ascending, s.timeColumn, idColumn);
                params.addAll(List.of(after.params(s.kind)));
            }
            boolean alone = sources.size() == 1;
            Query q = em.createNativeQuery("SELECT " + idColumn + ", " + s.timeColumn + " FROM " + s.table
                    + " WHERE " + where + " ORDER BY " + s.timeColumn + " " + direction + ", " + idColumn + " "
                    + direction + " LIMIT " + (alone ? limit : offset + limit) + (alone && offset > 0 ? " OFFSET " + offset : ""));
            bind(q, params);
            for (Object r : q.getResultList()) {
                Object[] row = (Object[]) r;
                keys.add(new Key(instant(row[1]), s.kind, ((Number) row[0]).longValue()));
            }
            if (alone) {
                return keys;
            }
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
                d.getStatus().isTerminal() ? null : d.getNextAttemptAt());
    }

    private static Row rejectedRow(InboundEvent e) {
        return new Row("rej_" + e.getId(), e.getReceivedAt(), e.getEventName(), null, null, null, e.getCallId(),
                e.getLeadId(), e.getPhone(), Status.REJECTED, 0, null, null, e.getRejectReason(), null);
    }

    private static AttemptView attemptView(DeliveryAttempt a) {
        return new AttemptView(a.getAttemptNo(), a.getStartedAt(), a.getDurationMs(), a.getRequestMethod(),
                a.getRequestUrl(), a.getResponseStatus(), a.isSucceeded(),
                a.getErrorClass() == null ? a.getErrorMessage()
                        : a.getErrorClass() + (a.getErrorMessage() == null ? "" : ": " + a.getErrorMessage()),
                a.getNextAttemptAt(), a.getRequestHeaders(), a.getResponseHeaders(), a.getResponseBody());
    }

    private static void bind(Query q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            q.setParameter(i + 1, v instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : v);
        }
    }

    private static Instant instant(Object column) {
        if (column instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (column instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected time column type " + column.getClass());
    }
}
