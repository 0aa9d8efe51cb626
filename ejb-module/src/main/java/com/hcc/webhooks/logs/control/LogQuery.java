package com.hcc.webhooks.logs.control;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.IsoTimes;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Webhooks Logs' question as SQL, pure: a filter (parsed from the API's parameters or the portal's form) and
 * the statements that read one page of it. Deliveries and rejected events are two sources, each read by an index
 * that starts with the account and ends with the time (migration V004), merged by time by the reader.
 */
public final class LogQuery {

    public static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    /** Counting stops here: the table says "more than 10,000" instead of counting millions of rows. */
    public static final int COUNT_CAP = 10_000;

    private LogQuery() {
    }

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
    public record Filter(Instant from, Instant to, EventType event, Long webhookId, Status status, String search,
                         Integer responseCode) {

        /** Without {@code to} the range runs up to now (every time it is read); without {@code from}, 24 h before it. */
        public Filter {
            search = search == null || search.isBlank() ? null : search.strip();
        }

        public Filter(Instant from, Instant to, EventType event, Long webhookId, Status status, String search) {
            this(from, to, event, webhookId, status, search, null);
        }

        @Override
        public Instant to() {
            return to == null ? Instant.now() : to;
        }

        @Override
        public Instant from() {
            return from == null ? to().minus(DEFAULT_RANGE) : from;
        }

        /**
         * The filter as URL query parameters, with the API's names and values (from/to only when set, so an open
         * range stays open): what the portal puts in its address so a view can be shared. "" for no filter.
         */
        public String query() {
            List<String> p = new ArrayList<>();
            param(p, "from", from == null ? null : from.toString());
            param(p, "to", to == null ? null : to.toString());
            param(p, "event", event == null ? null : event.wireName());
            param(p, "webhookId", webhookId == null ? null : webhookId.toString());
            param(p, "status", status == null ? null : status.name().toLowerCase(Locale.ROOT));
            param(p, "search", search);
            param(p, "responseCode", responseCode == null ? null : responseCode.toString());
            return String.join("&", p);
        }

        private static void param(List<String> p, String name, String value) {
            if (value != null) {
                p.add(name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        public static Filter last24Hours() {
            return new Filter(null, null, null, null, null, null);
        }

        public static Filter parse(String from, String to, String event, Long webhookId, String status,
                                   String search) {
            return parse(from, to, event, webhookId, status, search, null);
        }

        /** From the API's query parameters: every bad one named in a 422. */
        public static Filter parse(String from, String to, String event, Long webhookId, String status,
                                   String search, String responseCode) {
            List<FieldError> errors = new ArrayList<>();
            Integer code = null;
            if (responseCode != null && !responseCode.isBlank()) {
                try {
                    code = Integer.valueOf(responseCode.strip());
                } catch (NumberFormatException e) {
                    code = -1;
                }
                if (code < 100 || code > 599) {
                    errors.add(new FieldError("responseCode", "must be an HTTP status, 100 to 599 (e.g. 500)"));
                }
            }
            Instant f = IsoTimes.parse("from", from, errors);
            Instant t = IsoTimes.parse("to", to, errors);
            EventType e = null;
            if (event != null && !event.isBlank()) {
                e = EventType.fromWireName(event.strip()).orElse(null);
                if (e == null) {
                    errors.add(new FieldError("event", "must be " + EventType.wireNames()));
                }
            }
            Status s = null;
            if (status != null && !status.isBlank()) {
                try {
                    s = Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    errors.add(new FieldError("status", "must be pending, retrying, succeeded, failed or rejected"));
                }
            }
            if (f != null && t != null && !f.isBefore(t)) {
                errors.add(new FieldError("from", "must be earlier than the 'to' time"));
            }
            Filter filter = new Filter(f, t, e, webhookId, s, search, code);
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
    }

    /** The longest free text searched for. */
    public static final int TEXT_LENGTH = 200;

    /**
     * The search box: a webhook-id, a rejected event's id, a number matched as call_id, lead_id or phone, or any
     * other text, found in the target URL, the credential's API name or the error (a rejected event's reason).
     *
     * @param text for a free-text search: a LIKE pattern, lower case, its own % and _ escaped with !
     */
    public record Search(String messageId, Long rejectedId, Long number, String phone, String text) {

        public static Search of(String text) {
            if (text == null) {
                return null;
            }
            if (text.startsWith("msg_")) {
                return new Search(text, null, null, null, null);
            }
            if (text.startsWith("rej_")) {
                try {
                    return new Search(null, Long.parseLong(text.substring(4)), null, null, null);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("rej_ must be followed by the number of a rejected event");
                }
            }
            String digits = text.replaceAll("[\\s().+-]", "");
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() <= 32) {
                Long number = digits.length() <= 18 ? Long.parseLong(digits) : null;
                return new Search(null, null, number, digits, null);
            }
            if (text.length() > TEXT_LENGTH) {
                throw new IllegalArgumentException("is too long: search for at most " + TEXT_LENGTH
                        + " characters of a URL, an API name or an error");
            }
            String like = "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            return new Search(null, null, null, null, like);
        }
    }

    /**
     * One table's part of the report: its WHERE clause and parameters for the filter. {@code kind} is
     * {@link LogCursor#DELIVERY} or {@link LogCursor#REJECTED}.
     */
    public record Source(int kind, String table, String timeColumn, String idColumn, String where, List<Object> params) {
    }

    /** A statement and its positional parameters (times as Instants: the reader binds them). */
    public record Sql(String text, List<Object> params) {
    }

    /**
     * The sources a filter reads.
     *
     * @param accountRef the account's row id (deliveries), {@code accountId} its number (events)
     */
    public static List<Source> sources(long accountRef, String accountId, Filter filter) {
        Search search = Search.of(filter.search());
        List<Source> sources = new ArrayList<>(2);
        boolean deliveries = filter.status() != Status.REJECTED && (search == null || search.rejectedId() == null);
        boolean rejected = (filter.status() == null || filter.status() == Status.REJECTED)
                && filter.webhookId() == null && filter.responseCode() == null
                && (search == null || search.messageId() == null);
        if (deliveries) {
            StringBuilder w = new StringBuilder("d.account_ref = ? AND d.created_at >= ? AND d.created_at < ?");
            List<Object> p = new ArrayList<>(List.of(accountRef, filter.from(), filter.to()));
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
            if (filter.responseCode() != null) {
                w.append(" AND d.last_status_code = ?");
                p.add(filter.responseCode());
            }
            if (search != null && search.text() != null) {
                // the error, or a webhook of the account whose URL or credential's name has the text
                w.append(" AND (LOWER(d.last_error) LIKE ? ESCAPE '!' OR d.webhook_ref IN (SELECT w.id FROM webhook w"
                        + " LEFT JOIN access_credential a ON a.id = w.access_ref WHERE w.account_ref = ?"
                        + " AND (LOWER(w.target_url) LIKE ? ESCAPE '!' OR LOWER(a.api_name) LIKE ? ESCAPE '!')))");
                p.addAll(List.of(search.text(), accountRef, search.text(), search.text()));
            } else {
                appendSearch(search, "d", w, p);
            }
            sources.add(new Source(LogCursor.DELIVERY, "delivery d", "d.created_at", "d.id", w.toString(), p));
        }
        if (rejected) {
            StringBuilder w = new StringBuilder("e.account_id = ? AND e.status = 'REJECTED'"
                    + " AND e.received_at >= ? AND e.received_at < ?");
            List<Object> p = new ArrayList<>(List.of(accountId, filter.from(), filter.to()));
            if (filter.event() != null) {
                w.append(" AND e.event_type = ?");
                p.add(filter.event().name());
            }
            if (search != null && search.rejectedId() != null) {
                w.append(" AND e.id = ?");
                p.add(search.rejectedId());
            } else if (search != null && search.text() != null) {
                w.append(" AND LOWER(e.reject_reason) LIKE ? ESCAPE '!'");
                p.add(search.text());
            } else {
                appendSearch(search, "e", w, p);
            }
            sources.add(new Source(LogCursor.REJECTED, "inbound_event e", "e.received_at", "e.id", w.toString(), p));
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

    /** How many rows of a source match, up to {@link #COUNT_CAP} + 1: one index range, never a full count. */
    public static Sql count(Source s) {
        return new Sql("SELECT COUNT(*) FROM (SELECT 1 FROM " + s.table() + " WHERE " + s.where() + " LIMIT "
                + (COUNT_CAP + 1) + ") x", s.params());
    }

    /**
     * The keys (id, time) of a source's rows to show, in order. Alone, a source pages by LIMIT and OFFSET; merged
     * with another, each reads its first {@code offset + limit} and the reader merges them by time.
     */
    public static Sql keys(Source s, LogCursor after, boolean ascending, int offset, int limit, boolean alone) {
        String where = s.where();
        List<Object> params = new ArrayList<>(s.params());
        if (after != null) {
            where += " AND " + after.after(s.kind(), ascending, s.timeColumn(), s.idColumn());
            params.addAll(List.of(after.params(s.kind())));
        }
        String direction = ascending ? "ASC" : "DESC";
        return new Sql("SELECT " + s.idColumn() + ", " + s.timeColumn() + " FROM " + s.table() + " WHERE " + where
                + " ORDER BY " + s.timeColumn() + " " + direction + ", " + s.idColumn() + " " + direction
                + " LIMIT " + (alone ? limit : offset + limit) + (alone && offset > 0 ? " OFFSET " + offset : ""), params);
    }
}
