package com.hcc.webhooks.logs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.logs.control.LogQuery.Filter;
import com.hcc.webhooks.logs.control.LogQuery.Source;
import com.hcc.webhooks.logs.control.LogQuery.Sql;
import com.hcc.webhooks.logs.control.LogQuery.Status;
import com.hcc.webhooks.platform.control.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Webhooks Logs' filter parsing and the SQL it makes, without a database. */
class LogQueryTest {

    static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

    static Map<String, String> errors(Runnable parse) {
        ProblemException e = assertThrows(ProblemException.class, parse::run);
        return e.errors().stream().collect(Collectors.toMap(ProblemException.FieldError::field,
                ProblemException.FieldError::message));
    }

    @Test
    void parsesEveryFilterOfTheApi() {
        Filter f = Filter.parse("2026-12-01T00:00:00Z", "2026-12-02T01:00:00+01:00", "call.saved", 7L, "Failed",
                "  msg_01ABC  ");
        assertEquals(FROM, f.from());
        assertEquals(TO, f.to(), "an offset is taken as the instant it names");
        assertEquals(EventType.CALL_SAVED, f.event());
        assertEquals(7L, f.webhookId());
        assertEquals(Status.FAILED, f.status());
        assertEquals("msg_01ABC", f.search());
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        Map<String, String> e = errors(() -> Filter.parse("yesterday", null, "call.parked", null, "lost", "x".repeat(201),
                "5xx"));
        assertEquals("must be an ISO-8601 time, e.g. 2026-11-27T10:00:00Z", e.get("from"));
        assertEquals("must be call.created, call.ended, call.saved, lead.reg_f_blocked, webhook.disabled, webhook.failing"
                + " or webhook.recovered", e.get("event"));
        assertEquals("must be pending, retrying, succeeded, failed or rejected", e.get("status"));
        assertEquals("is too long: search for at most 200 characters of a URL, an API name or an error", e.get("search"));
        assertEquals("must be an HTTP status, 100 to 599 (e.g. 500)", e.get("responseCode"));
        assertEquals("must be an HTTP status, 100 to 599 (e.g. 500)",
                errors(() -> Filter.parse(null, null, null, null, null, null, "700")).get("responseCode"));
        assertEquals("must be earlier than the 'to' time", errors(() -> Filter.parse("2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z",
                null, null, null, null)).get("from"));
        assertEquals("rej_ must be followed by the number of a rejected event",
                errors(() -> Filter.parse(null, null, null, null, null, "rej_x")).get("search"));
    }

    @Test
    void aFilterGoesToTheAddressWithTheApisNamesAndComesBackTheSame() {
        Filter f = Filter.parse("2026-12-01T00:00:00Z", null, "call.saved", 7L, "failed", "(972) 555-0138");
        String query = f.query();
        assertEquals("from=2026-12-01T00%3A00%3A00Z&event=call.saved&webhookId=7&status=failed&search=%28972%29+555-0138",
                query, "an open end stays open: no 'to'");
        Map<String, String> p = java.util.Arrays.stream(query.split("&")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0],
                        kv -> java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8)));
        Filter back = Filter.parse(p.get("from"), p.get("to"), p.get("event"), Long.valueOf(p.get("webhookId")),
                p.get("status"), p.get("search"));
        assertEquals(f, back);
        assertEquals("", Filter.last24Hours().query());
    }

    @Test
    void withoutARangeItIsTheLast24Hours() {
        assertEquals(TO.minus(LogQuery.DEFAULT_RANGE), new Filter(null, TO, null, null, null, null).from());
        Filter open = Filter.last24Hours();
        assertTrue(!open.to().isBefore(Instant.now().minusSeconds(5)), "up to now");
        assertNull(Filter.parse(null, null, "", null, " ", " ").search());
    }

    static Filter filter(Status status, Long webhookId, String search) {
        return new Filter(FROM, TO, null, webhookId, status, search);
    }

    static List<Integer> kinds(List<Source> sources) {
        return sources.stream().map(Source::kind).toList();
    }

    @Test
    void readsDeliveriesAndRejectedEventsOnlyWhereTheFilterCanMatchThem() {
        assertEquals(List.of(LogCursor.DELIVERY, LogCursor.REJECTED), kinds(LogQuery.sources(3, "12345678", Filter.last24Hours())));
        assertEquals(List.of(LogCursor.REJECTED), kinds(LogQuery.sources(3, "12345678", filter(Status.REJECTED, null, null))));
        assertEquals(List.of(LogCursor.DELIVERY), kinds(LogQuery.sources(3, "12345678", filter(Status.FAILED, null, null))));
        assertEquals(List.of(LogCursor.DELIVERY), kinds(LogQuery.sources(3, "12345678", filter(null, 9L, null))),
                "a rejected event has no webhook");
        assertEquals(List.of(LogCursor.DELIVERY), kinds(LogQuery.sources(3, "12345678", filter(null, null, "msg_1"))));
        assertEquals(List.of(LogCursor.REJECTED), kinds(LogQuery.sources(3, "12345678", filter(null, null, "rej_42"))));
    }

    @Test
    void eachSourceIsScopedToTheAccountAndTheRangeAndSearchesItsOwnColumns() {
        List<Source> s = LogQuery.sources(3, "12345678", new Filter(FROM, TO, EventType.CALL_ENDED, null, null,
                "(555) 010-2000"));
        Source deliveries = s.get(0);
        assertEquals("d.account_ref = ? AND d.created_at >= ? AND d.created_at < ? AND d.event_type = ?"
                + " AND (d.call_id = ? OR d.lead_id = ? OR d.phone = ?)", deliveries.where());
        assertEquals(List.of(3L, FROM, TO, "CALL_ENDED", 5550102000L, 5550102000L, "5550102000"), deliveries.params());
        Source rejected = s.get(1);
        assertEquals("e.account_id = ? AND e.status = 'REJECTED' AND e.received_at >= ? AND e.received_at < ?"
                + " AND e.event_type = ? AND (e.call_id = ? OR e.lead_id = ? OR e.phone = ?)", rejected.where());
        assertEquals("12345678", rejected.params().get(0));
        Source byRejectedId = LogQuery.sources(3, "12345678", filter(null, null, "rej_42")).get(0);
        assertTrue(byRejectedId.where().endsWith(" AND e.id = ?"), byRejectedId.where());
        assertEquals(42L, byRejectedId.params().get(byRejectedId.params().size() - 1));
    }

    @Test
    void textIsFoundInTheUrlTheApiNameOrTheErrorAndAResponseCodeOnlyInDeliveries() {
        Filter f = Filter.parse(null, null, null, null, null, "CRM_East 100%", "503");
        assertEquals(503, f.responseCode());
        List<Source> s = LogQuery.sources(3, "12345678", f);
        assertEquals(List.of(LogCursor.DELIVERY), kinds(s), "a rejected event has no response");
        Source d = s.get(0);
        assertEquals("d.account_ref = ? AND d.created_at >= ? AND d.created_at < ? AND d.last_status_code = ?"
                + " AND (LOWER(d.last_error) LIKE ? ESCAPE '!' OR d.webhook_ref IN (SELECT w.id FROM webhook w"
                + " LEFT JOIN access_credential a ON a.id = w.access_ref WHERE w.account_ref = ?"
                + " AND (LOWER(w.target_url) LIKE ? ESCAPE '!' OR LOWER(a.api_name) LIKE ? ESCAPE '!')))", d.where());
        String like = "%crm!_east 100!%%";
        assertEquals(List.of(503, like, 3L, like, like), d.params().subList(3, d.params().size()),
                "lower case, its own _ and % taken literally, scoped to the account's webhooks");
        Source rejected = LogQuery.sources(3, "12345678", filter(null, null, "no account")).get(1);
        assertTrue(rejected.where().endsWith(" AND LOWER(e.reject_reason) LIKE ? ESCAPE '!'"), rejected.where());
        assertEquals("%no account%", rejected.params().get(rejected.params().size() - 1));
        assertEquals("search=CRM_East+100%25&responseCode=503", f.query());
    }

    @Test
    void aPageReadsOnlyItsRowsFromTheIndexNewestFirst() {
        Source d = LogQuery.sources(3, "12345678", filter(Status.SUCCEEDED, null, null)).get(0);
        Sql alone = LogQuery.keys(d, null, false, 100, 50, true);
        assertEquals("SELECT d.id, d.created_at FROM delivery d WHERE " + d.where()
                + " ORDER BY d.created_at DESC, d.id DESC LIMIT 50 OFFSET 100", alone.text());
        assertEquals(d.params(), alone.params());
        Sql merged = LogQuery.keys(d, null, true, 100, 50, false);
        assertTrue(merged.text().endsWith(" ORDER BY d.created_at ASC, d.id ASC LIMIT 150"), merged.text());

        LogCursor after = new LogCursor(FROM, LogCursor.DELIVERY, 77);
        Sql next = LogQuery.keys(d, after, false, 0, 50, true);
        assertTrue(next.text().contains(" AND (d.created_at < ? OR (d.created_at = ? AND d.id < ?)) ORDER BY"), next.text());
        assertEquals(List.of(FROM, FROM, 77L), next.params().subList(d.params().size(), next.params().size()));
    }

    @Test
    void countingStopsAtTheCap() {
        Source d = LogQuery.sources(3, "12345678", Filter.last24Hours()).get(0);
        assertEquals("SELECT COUNT(*) FROM (SELECT 1 FROM delivery d WHERE " + d.where() + " LIMIT 10001) x",
                LogQuery.count(d).text());
    }
}
