import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Webhooks Logs benchmark (docs/performance.md): fills MariaDB with ROWS deliveries of one account, all
 * inside the report's default 24-hour range (its worst case), each with its event and one logged attempt,
 * plus rejected events; then times the report over HTTP, as a customer's browser or script would ask.
 *
 * java -cp mariadb-java-client.jar scripts/LogsBench.java BASE_URL JDBC_URL ROWS
 * (scripts/bench-logs.sh starts MariaDB and the product and runs this.)
 */
public class LogsBench {

    /** The account the rows belong to; "--fill-only ACCOUNT" fills another and stops (the delivery benchmark's prefill). */
    static String ACCOUNT = "12345678";
    static final int RUNS = 50;
    static final int WARMUP = 5;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String auth;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String jdbc = args[1];
        int rows = Integer.parseInt(args[2]);
        boolean fillOnly = args.length > 4 && args[3].equals("--fill-only");
        if (fillOnly) {
            ACCOUNT = args[4];
        }
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + System.getenv().getOrDefault(
                "HCC_ADMIN_PASSWORD", "admin")).getBytes(StandardCharsets.UTF_8));

        for (int tries = 1; ; tries++) { // a freshly started instance can answer 5xx for a moment after it is ready
            try {
                post("/api/v1/accounts", "{\"accountId\":\"" + ACCOUNT + "\",\"name\":\"Benchmark\"}");
                break;
            } catch (IllegalStateException e) {
                if (tries == 10 || !e.getMessage().contains(" answered 5")) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
        post("/api/v1/accounts", "{\"accountId\":\"other\",\"name\":\"Another account\"}");
        String[] events = {"call.created", "call.ended", "call.saved", "lead.reg_f_blocked"};
        long[] webhooks = new long[4];
        for (int i = 0; i < 4; i++) {
            // port 9 (discard): nothing is sent; every benchmark row is already finished or due in 30 days
            String answer = post("/api/v1/accounts/" + ACCOUNT + "/webhooks",
                    "{\"event\":\"" + events[i] + "\",\"targetUrl\":\"http://127.0.0.1:9/hook-" + i + "\"}");
            Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(answer.substring(answer.indexOf("\"webhook\"")));
            m.find();
            webhooks[i] = Long.parseLong(m.group(1));
        }

        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbc, "hcc", "hcc"); Statement s = c.createStatement()) {
            fill(s, rows, webhooks);
        }
        System.out.printf("filled %,d deliveries (+ events, attempts, %,d rejected events) in %d s%n", rows, rows / 500,
                (System.nanoTime() - t0) / 1_000_000_000L);

        if (fillOnly) {
            try (Connection c = DriverManager.getConnection(jdbc, "hcc", "hcc"); Statement s = c.createStatement()) {
                s.execute("ANALYZE TABLE delivery, inbound_event, delivery_attempt");
            }
            return;
        }
        String sampleId;
        try (Connection c = DriverManager.getConnection(jdbc, "hcc", "hcc"); Statement s = c.createStatement()) {
            s.execute("ANALYZE TABLE delivery, inbound_event, delivery_attempt");
            ResultSet r = s.executeQuery("SELECT message_id FROM delivery WHERE message_id LIKE 'msg_bench%' ORDER BY id DESC LIMIT 1");
            r.next();
            sampleId = r.getString(1);
        }

        String logs = "/api/v1/accounts/" + ACCOUNT + "/logs?limit=25";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("no filter (last 24 h)", logs);
        cases.put("event = call.ended", logs + "&event=call.ended");
        cases.put("webhook", logs + "&webhookId=" + webhooks[2]);
        cases.put("status = failed", logs + "&status=failed");
        cases.put("status = retrying (rare)", logs + "&status=retrying");
        cases.put("status = rejected", logs + "&status=rejected");
        cases.put("search call_id", logs + "&search=" + (100_000 + rows / 6));
        cases.put("search lead_id", logs + "&search=" + (500_000 + rows / 10));
        cases.put("search phone", logs + "&search=" + enc("(972) " + String.format("%07d", rows / 7 % 10_000_000)));
        cases.put("search webhook-id", logs + "&search=" + sampleId);
        cases.put("date range (one hour, 6 h ago)", logs + "&from=" + enc(java.time.Instant.now().minusSeconds(7 * 3600).toString())
                + "&to=" + enc(java.time.Instant.now().minusSeconds(6 * 3600).toString()));
        cases.put("oldest first", logs + "&order=asc");

        System.out.println();
        System.out.println("| request | rows | p50 ms | p95 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, String> e : cases.entrySet()) {
            report(e.getKey(), e.getValue());
        }
        report("page 2 by cursor", logs + "&cursor=" + cursorOf(get(logs)));
        report("portal page, first page + count (GET /reports/logs.xhtml)", "/reports/logs.xhtml");

        // expanded rows: random deliveries across the whole table
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, "hcc", "hcc"); Statement s = c.createStatement()) {
            Random random = new Random(7);
            for (int i = 0; i < RUNS + WARMUP; i++) {
                ResultSet r = s.executeQuery("SELECT message_id FROM delivery WHERE id = (SELECT MIN(id) FROM delivery) + "
                        + random.nextInt(rows));
                if (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            long start = System.nanoTime();
            String body = get("/api/v1/accounts/" + ACCOUNT + "/logs/" + ids.get(i));
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (!body.contains("\"request\"")) {
                throw new IllegalStateException("unexpected detail: " + body);
            }
            if (i >= WARMUP) {
                times.add(ms);
            }
        }
        print("expanded row (GET /logs/{id}, random rows)", 1, times);
    }

    static void fill(Statement s, int rows, long[] webhooks) throws Exception {
        String payload = "{\"call_id\":11142,\"call_date\":\"2023-06-27 13:22:18\",\"lead_id\":65439,\"call_result\":-1,"
                + "\"agent_disp\":-1,\"agent_id\":0,\"call_type\":\"Outbound\",\"revenue\":0,\"dnis\":\"\",\"phone\":\"9725550138\","
                + "\"camp_id\":235,\"pool_id\":591,\"account_id\":\"12345678\",\"call_duration\":0,\"talk_time\":0,\"hold_time\":0,"
                + "\"queue_time\":0,\"ivr_time\":0,\"position\":0,\"is_abandoned\":false,\"api_sent\":false,\"call_final_event\":null,"
                + "\"idle_time\":0,\"wrap_time\":0,\"preview_time\":0,\"callback_time\":null,\"callback_call_id\":0,"
                + "\"caller_id\":\"9725550106\",\"onhold_queue\":false,\"internal\":false,\"billable_seconds\":0}";
        String[] types = {"CALL_CREATED", "CALL_ENDED", "CALL_SAVED", "LEAD_REG_F_BLOCKED"};
        String[] names = {"call.created", "call.ended", "call.saved", "lead.reg_f_blocked"};
        s.execute("SET @acc = (SELECT id FROM account WHERE account_id = '" + ACCOUNT + "')");
        // rows spread evenly over the last 23.3 hours: all inside the default range
        long spreadMs = Math.max(1, 84_000_000L / rows);
        // ids of their own, reserved from the product's id sequence (V009__id_sequence.sql): events base+1..base+rows,
        // their deliveries rows higher, their attempts 2*rows higher, the rejected events after those. The
        // instances take blocks of the sequence meanwhile (idle: nothing is published while this fills)
        int rejected = Math.max(1, rows / 500);
        long base;
        try (java.sql.ResultSet r = s.executeQuery("SELECT NEXT VALUE FOR hcc_id")) {
            r.next();
            base = r.getLong(1);
        }
        s.execute("SELECT SETVAL(hcc_id, " + (base + 3L * rows + rejected + 100) + ")");
        s.execute("SET @base = " + base);
        int batch = 100_000;
        for (int from = 1; from <= rows; from += batch) {
            int to = Math.min(rows, from + batch - 1);
            String seq = "(SELECT seq FROM seq_" + from + "_to_" + to + ") q";
            s.execute("INSERT INTO inbound_event (id, account_id, event_name, event_type, event_key, call_id, lead_id, phone,"
                    + " payload, source, status, received_at) SELECT @base + seq, '" + ACCOUNT + "',"
                    + " ELT(seq MOD 4 + 1, '" + String.join("','", names) + "'), ELT(seq MOD 4 + 1, '" + String.join("','", types) + "'),"
                    + " CONCAT('bench-', seq), 100000 + seq DIV 3, 500000 + seq DIV 5, CONCAT('972', LPAD(seq MOD 10000000, 7, '0')),"
                    + " REPLACE(REPLACE('" + payload + "', '11142', 100000 + seq DIV 3), '65439', 500000 + seq DIV 5),"
                    + " 'REST', 'ACCEPTED', UTC_TIMESTAMP(3) - INTERVAL ((" + rows + " - seq) * " + spreadMs * 1000 + ") MICROSECOND"
                    + " FROM " + seq);
            s.execute("INSERT INTO delivery (id, row_version, created_at, updated_at, account_ref, event_ref, webhook_ref, message_id,"
                    + " status, attempts, next_attempt_at, last_status_code, last_error, last_latency_ms, completed_at, ordering_key,"
                    + " claimed_at, event_type, call_id, lead_id, phone)"
                    + " SELECT e.id + " + rows + ", 1, e.received_at, e.received_at, @acc, e.id,"
                    + " ELT(FIELD(e.event_type, '" + String.join("','", types) + "'), " + webhooks[0] + ", " + webhooks[1] + ", "
                    + webhooks[2] + ", " + webhooks[3] + "), CONCAT('msg_bench', LPAD(e.id, 20, '0')),"
                    + " CASE WHEN e.id MOD 1000 = 1 THEN 'RETRYING' WHEN e.id MOD 50 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END,"
                    + " 1, CASE WHEN e.id MOD 1000 = 1 THEN UTC_TIMESTAMP(3) + INTERVAL 30 DAY END,"
                    + " CASE WHEN e.id MOD 50 = 0 OR e.id MOD 1000 = 1 THEN 503 ELSE 200 END,"
                    + " CASE WHEN e.id MOD 50 = 0 OR e.id MOD 1000 = 1 THEN 'HTTP 503' END, 20 + e.id MOD 80,"
                    + " CASE WHEN e.id MOD 1000 <> 1 THEN e.received_at END, NULL, e.received_at, e.event_type, e.call_id, e.lead_id, e.phone"
                    + " FROM inbound_event e WHERE e.id BETWEEN @base + " + from + " AND @base + " + to);
            s.execute("INSERT INTO delivery_attempt (id, delivery_ref, attempt_no, started_at, duration_ms, request_method, request_url,"
                    + " request_headers, succeeded, response_status, response_headers, response_body, error_class, error_message)"
                    + " SELECT d.id + " + rows + ", d.id, 1, d.created_at, d.last_latency_ms, 'POST', 'http://127.0.0.1:9/hook',"
                    + " CONCAT('{\"Content-Type\":\"application/json\",\"User-Agent\":\"HCC-Webhooks/1.0\",\"webhook-id\":\"', d.message_id,"
                    + " '\",\"webhook-timestamp\":\"1795760000\",\"webhook-signature\":\"v1,bench\"}'),"
                    + " d.status = 'SUCCEEDED', d.last_status_code, '{\"content-type\":\"application/json\"}', '{\"received\":true}',"
                    + " CASE WHEN d.status <> 'SUCCEEDED' THEN 'HTTP_STATUS' END, d.last_error"
                    + " FROM delivery d WHERE d.id BETWEEN @base + " + (rows + from) + " AND @base + " + (rows + to));
            System.out.printf("  %,d rows%n", to);
        }
        s.execute("INSERT INTO inbound_event (id, account_id, event_name, event_type, event_key, payload, source, status,"
                + " reject_reason, received_at) SELECT @base + " + 3L * rows + " + seq, '" + ACCOUNT + "', 'call.saved', 'CALL_SAVED', CONCAT('bench-rejected-', seq),"
                + " '{\"account_id\":\"12345678\",', 'JMS', 'REJECTED', 'body is not valid JSON',"
                + " UTC_TIMESTAMP(3) - INTERVAL (seq * " + 84_000_000_000L / Math.max(1, rows / 500) + ") MICROSECOND"
                + " FROM seq_1_to_" + rejected);
    }

    static void report(String name, String path) throws Exception {
        List<Long> times = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long start = System.nanoTime();
            String body = get(path);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (i >= WARMUP) {
                times.add(ms);
            }
            rows = count(body);
        }
        print(name, rows, times);
    }

    static void print(String name, int rows, List<Long> times) {
        Collections.sort(times);
        System.out.printf("| %s | %d | %d | %d | %d |%n", name, rows, times.get(times.size() / 2),
                times.get((int) Math.ceil(0.95 * times.size()) - 1), times.get(times.size() - 1));
    }

    static int count(String body) {
        int n = 0;
        Matcher m = Pattern.compile("\"id\":\"(msg_|rej_)").matcher(body);
        while (m.find()) {
            n++;
        }
        if (n == 0) {
            Matcher rows = Pattern.compile("hcc-status hcc-status-").matcher(body);
            while (rows.find()) {
                n++;
            }
        }
        return n;
    }

    static String cursorOf(String body) {
        Matcher m = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no next page: " + body);
        }
        return m.group(1);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String post(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
