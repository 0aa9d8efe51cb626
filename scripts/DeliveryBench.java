import com.sun.net.httpserver.HttpServer;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * The delivery benchmark (docs/performance.md): events published to the broker over OpenWire, delivered by the
 * product to a receiver on loopback, every attempt logged in MariaDB. Reports the ceiling (a plain
 * java.net.http client against the same receiver, no persistence), sustained deliveries/s, latency at a fixed
 * rate, memory, and duplicates.
 *
 * java -cp CLASSPATH scripts/DeliveryBench.java BROKER_URL SECONDS RATE LATENCY_SECONDS PIDS BASE_URL...
 */
public class DeliveryBench {

    static final Pattern MARK = Pattern.compile("\"dnis\":\"b(\\d+)-(\\d+)\"");
    static final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
    /** When each event first arrived (epoch ms), for the slowest ones' breakdown. */
    static final Map<Long, Long> arrivalTimes = new ConcurrentHashMap<>();
    /** The order in which each webhook-id first arrived, to check per-call order against the stored order. */
    static final Map<String, Long> arrivalOrder = new ConcurrentHashMap<>();
    /** The same, by the dialer's publish number of the event (b<n> in its dnis), to check against publish order. */
    static final Map<Long, Long> arrivalByPublished = new ConcurrentHashMap<>();
    static final AtomicLong tickets = new AtomicLong();
    static final ConcurrentLinkedQueue<Long> limitedArrivals = new ConcurrentLinkedQueue<>();
    /** The limited webhook's maxPerSecond, and how many events it gets. */
    static final int LIMIT = 50;
    static final int LIMITED_EVENTS = 1500;
    static final AtomicInteger duplicates = new AtomicInteger();
    static final AtomicLong received = new AtomicLong();
    static final ConcurrentLinkedQueue<long[]> timeline = new ConcurrentLinkedQueue<>();
    static String auth;
    /** Messages per transaction when publishing as fast as possible (-Dbatch, default 50; 1 = one by one). */
    static final int BATCH = Integer.getInteger("batch", 50);
    /**
     * Events per call (-DperCall, default 3): Call Created, Call Ended, Call Saved of one call, published one after
     * another by one dialer thread (one connection), as a dialer does; the later ones of a call wait for the earlier.
     */
    static final int PER_CALL = Integer.getInteger("perCall", 3);
    static final String[] EVENTS = {"call.created", "call.ended", "call.saved"};
    /** Seconds at the latency run's rate before its events are counted (-DlatencyWarmup, default 5). */
    static final int LATENCY_WARMUP = Integer.getInteger("latencyWarmup", 5);
    static final String[] SEEDS = {"call-created", "call-ended", "call-saved"};

    public static void main(String[] args) throws Exception {
        String broker = args[0];
        int seconds = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int latencySeconds = Integer.parseInt(args[3]);
        String[] pids = args[4].split(",");
        List<String> bases = List.of(args).subList(5, args.length);
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + System.getenv().getOrDefault("HCC_ADMIN_PASSWORD",
                "cluster-admin")).getBytes(StandardCharsets.UTF_8));
        String[] payloads = new String[EVENTS.length];
        for (int k = 0; k < EVENTS.length; k++) {
            payloads[k] = seed(SEEDS[k]);
        }
        String payload = payloads[0];
        String regF = seed("reg-f-blocked").replace("\"account_id\":\"1234\"", "\"account_id\":\"12345678\"");

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        receiver.setExecutor(Executors.newFixedThreadPool(64));
        long delayMs = Long.getLong("delay", 0); // -Ddelay: a receiver that takes this long, as real endpoints do
        receiver.createContext("/", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long now = System.currentTimeMillis();
            String id = x.getRequestHeaders().getFirst("webhook-id");
            if (id != null && arrivalOrder.putIfAbsent(id, tickets.incrementAndGet()) != null) {
                duplicates.incrementAndGet();
            }
            if (x.getRequestURI().getPath().equals("/limited")) {
                limitedArrivals.add(now);
                x.sendResponseHeaders(200, -1);
                x.close();
                return;
            }
            Matcher m = MARK.matcher(new String(body, StandardCharsets.UTF_8));
            if (m.find()) {
                if (arrivals.putIfAbsent(Long.parseLong(m.group(1)), now - Long.parseLong(m.group(2))) == null) {
                    arrivalTimes.put(Long.parseLong(m.group(1)), now);
                }
                arrivalByPublished.putIfAbsent(Long.parseLong(m.group(1)), tickets.incrementAndGet());
                long n = received.incrementAndGet();
                if (n % 100 == 0) {
                    timeline.add(new long[] {now, n});
                }
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        receiver.start();
        String target = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        // the ceiling: the same receiver, the same payload, a plain client, no persistence
        double ceiling = ceiling(target, payload.replace("\"dnis\":\"\"", "\"dnis\":\"ceiling\""));

        String base = bases.get(0);
        send(base, "POST", "/api/v1/accounts", "{\"accountId\":\"12345678\",\"name\":\"Benchmark\"}");
        // one endpoint for a call's three events, as customers set it up (three webhooks, one target URL)
        for (int k = 0; k < Math.min(PER_CALL, EVENTS.length); k++) {
            send(base, "POST", "/api/v1/accounts/12345678/webhooks", "{\"event\":\"" + EVENTS[k] + "\",\"targetUrl\":\""
                    + target + "\"}");
        }
        // a webhook with a limit, fed by Reg F events during the run: the limit must hold across instances
        send(base, "POST", "/api/v1/accounts/12345678/webhooks", "{\"event\":\"lead.reg_f_blocked\",\"targetUrl\":\""
                + target.replace("/hook", "/limited") + "\",\"maxPerSecond\":" + LIMIT + "}");

        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("hcc", "hcc", broker);
        cf.setUseAsyncSend(false);

        // sustained: publish as fast as the broker takes persistent messages, for SECONDS
        System.out.printf("publishing for %d s...%n", seconds);
        long start = System.currentTimeMillis();
        AtomicLong seq = new AtomicLong(); // calls published so far
        Map<String, Long> cpuBefore = cpuMillis();
        Map<String, Long> dbBefore = dbStatus();
        Thread limited = new Thread(() -> publishLimited(cf, regF));
        limited.start();
        long publishedBefore = publish(cf, payloads, seq, seconds, 0);
        limited.join();
        long publishEnd = System.currentTimeMillis();
        awaitAll(publishedBefore, Duration.ofMinutes(15));
        long drained = System.currentTimeMillis();
        long limitedDeadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (limitedArrivals.size() < LIMITED_EVENTS && System.nanoTime() < limitedDeadline) {
            Thread.sleep(200);
        }
        Map<String, Long> cpuAfter = cpuMillis();
        Map<String, Long> dbAfter = dbStatus();
        double publishRate = publishedBefore * 1000.0 / (publishEnd - start);
        // the dialer publishes faster than one machine delivers: the broker holds a backlog and the engine runs
        // flat out from the start until the last event, which is the sustained rate
        double sustained = sustainedRate(start + 10_000, drained - 5_000);
        String memory = memory(pids, bases);
        System.out.printf("ceiling %.0f req/s; published %d (%.0f/s); delivered sustained %.0f/s; all delivered after %.1f s; %s%n",
                ceiling, publishedBefore, publishRate, sustained, (drained - start) / 1000.0, memory);

        // latency at a fixed rate, after LATENCY_WARMUP s at that rate not counted: the switch from the sustained
        // run's batches to single paced sends has each JVM (broker, instance, this dialer) compile new code paths,
        // which took up to 180 ms of CPU in a 200 ms window (the thread sampler below); the warm-up is reported apart
        System.out.printf("latency at %d events/s for %d s after %d s at that rate...%n", rate, latencySeconds, LATENCY_WARMUP);
        long firstLatency = (seq.get() + 1) * PER_CALL;
        Map<String, Long> dbLatencyBefore = dbStatus();
        Map<String, Long> cpuLatencyBefore = cpuMillis();
        long latencyStart = System.currentTimeMillis();
        long countedFrom = latencyStart + LATENCY_WARMUP * 1000L;
        ThreadSampler sampler = ThreadSampler.start();
        long published = publish(cf, payloads, seq, LATENCY_WARMUP + latencySeconds, rate);
        awaitAll(publishedBefore + published, Duration.ofMinutes(5));
        sampler.stop();
        Map<String, Long> dbLatencyAfter = dbStatus();
        Map<String, Long> cpuLatencyAfter = cpuMillis();
        List<Long> lat = new ArrayList<>();
        List<Long> warmup = new ArrayList<>();
        // by a call's stage too: a call's later events wait for its earlier ones to be answered (per-call order)
        List<List<Long>> latByStage = new ArrayList<>();
        for (int k = 0; k < PER_CALL; k++) {
            latByStage.add(new ArrayList<>());
        }
        List<Arrived> latencyRun = arrived(firstLatency, published);
        for (Arrived a : latencyRun) {
            if (a.publishedAt() < countedFrom) {
                warmup.add(a.latency());
            } else {
                lat.add(a.latency());
                latByStage.get((int) (a.n() % PER_CALL)).add(a.latency());
            }
        }
        Collections.sort(warmup);
        Collections.sort(lat);
        latByStage.forEach(Collections::sort);
        String memoryAtRate = memory(pids, bases);

        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("|---|---:|");
        System.out.printf("| ceiling: plain java.net.http client, 8 threads, same receiver | %.0f req/s |%n", ceiling);
        System.out.printf("| published (persistent, OpenWire, 8 threads, transactions of %d) | %,d events in %d s = %.0f/s |%n",
                BATCH, publishedBefore, seconds, publishRate);
        System.out.printf("| delivered, sustained (receiver, from 10 s after the start to 5 s before the last, %.0f s) | %.0f deliveries/s (%.1f%% of the ceiling) |%n",
                (drained - start - 15_000) / 1000.0, sustained, 100 * sustained / ceiling);
        System.out.printf("| all %,d delivered after | %.1f s |%n", publishedBefore, (drained - start) / 1000.0);
        System.out.printf("| latency publish -> receiver at %d events/s (%,d events in %d s, after %d s at that rate) | p50 %d ms, p95 %d ms, p99 %d ms, max %d ms |%n",
                rate, lat.size(), latencySeconds, LATENCY_WARMUP, pct(lat, 50), pct(lat, 95), pct(lat, 99), lat.get(lat.size() - 1));
        for (int k = 0; k < PER_CALL && PER_CALL > 1; k++) {
            List<Long> stage = latByStage.get(k);
            if (!stage.isEmpty()) {
                System.out.printf("| - of them %s, event %d of its call (%,d) | p50 %d ms, p95 %d ms, p99 %d ms, max %d ms |%n",
                        EVENTS[k % EVENTS.length], k + 1, stage.size(), pct(stage, 50), pct(stage, 95), pct(stage, 99),
                        stage.get(stage.size() - 1));
            }
        }
        if (!warmup.isEmpty()) {
            System.out.printf("| - not counted: the first %d s at %d events/s (%,d events; new code paths compiled) | p50 %d ms, p95 %d ms, p99 %d ms, max %d ms |%n",
                    LATENCY_WARMUP, rate, warmup.size(), pct(warmup, 50), pct(warmup, 95), pct(warmup, 99),
                    warmup.get(warmup.size() - 1));
        }
        latencyByWindow(latencyRun, countedFrom, latencySeconds);
        System.out.printf("| memory after the sustained run | %s |%n", memory);
        System.out.printf("| memory at %d events/s | %s |%n", rate, memoryAtRate);
        System.out.printf("| duplicates (same webhook-id twice) | %d |%n", duplicates.get());
        long[] publishOrder = publishOrderCheck();
        System.out.printf("| per-call order against the dialer: calls of %d events / calls that arrived out of publish order | %,d / %d |%n",
                PER_CALL, publishOrder[0], publishOrder[1]);
        long[] order = orderCheck();
        System.out.printf("| per-call order against the product: calls with 2-3 deliveries / arrivals out of stored order | %,d / %d |%n", order[0], order[1]);
        System.out.printf("| limited webhook (maxPerSecond %d): delivered / most in any 1 s window | %,d of %,d / %d |%n",
                LIMIT, limitedArrivals.size(), LIMITED_EVENTS, maxInOneSecond());
        System.out.printf("| events not delivered | %d |%n", publishedBefore + published - arrivals.size());
        System.out.println();
        slowest(latencyRun, countedFrom, 5);
        sampler.report(latencyRun);
        // the latency run's column too: paced single sends reach the broker and the intake one by one, so each
        // delivery carries more of the per-message and per-transaction costs than in the sustained run's batches
        System.out.printf("Cost per delivery in the sustained run (%,d deliveries, publish to the last arrival) and in the"
                + " latency run (%,d, its warm-up included):%n%n", publishedBefore, published);
        System.out.println("| process | CPU ms per delivery, sustained run | CPU ms per delivery, latency run |");
        System.out.println("|---|---:|---:|");
        for (String name : cpuBefore.keySet()) {
            System.out.printf("| %s | %.2f | %.2f |%n", name, perDelivery(cpuBefore, cpuAfter, name, publishedBefore),
                    perDelivery(cpuLatencyBefore, cpuLatencyAfter, name, Math.max(1, published)));
        }
        System.out.println();
        System.out.println("| MariaDB counter | per delivery, sustained run | per delivery, latency run |");
        System.out.println("|---|---:|---:|");
        for (String name : dbBefore.keySet()) {
            if (name.equals("Innodb_deadlocks")) {
                continue;
            }
            System.out.printf("| %s | %.2f | %.2f |%n", name, perDelivery(dbBefore, dbAfter, name, publishedBefore),
                    perDelivery(dbLatencyBefore, dbLatencyAfter, name, Math.max(1, published)));
        }
        if (dbBefore.containsKey("Innodb_deadlocks")) {
            System.out.printf("%nDeadlocks in the sustained run (each a transaction retried): %d%n",
                    dbAfter.get("Innodb_deadlocks") - dbBefore.get("Innodb_deadlocks"));
        }
        receiver.stop(0);
        System.exit(0);
    }

    /** Reg F events for the limited webhook, published all at once (no call id: not ordered). */
    static void publishLimited(ActiveMQConnectionFactory cf, String payload) {
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue("HCC.WEBHOOKS.EVENTS"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < LIMITED_EVENTS; i++) {
                TextMessage m = s.createTextMessage(payload);
                m.setStringProperty("event", "lead.reg_f_blocked");
                m.setStringProperty("eventId", "limited-" + i);
                p.send(m);
                if (i % 50 == 49) {
                    s.commit();
                }
            }
            s.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The most arrivals at the limited webhook within any 1,000 ms. */
    static int maxInOneSecond() {
        List<Long> t = new ArrayList<>(limitedArrivals);
        Collections.sort(t);
        int best = 0;
        for (int i = 0, j = 0; i < t.size(); i++) {
            while (t.get(i) - t.get(j) >= 1000) {
                j++;
            }
            best = Math.max(best, i - j + 1);
        }
        return best;
    }

    /**
     * What the engine says it does: deliveries of one call to one endpoint go one at a time in the order it stored
     * for them (its order position, then the delivery id; the id alone before schema V007). Checked against the
     * receiver's arrival order, for every call with several events. See {@link #publishOrderCheck} for the order
     * that matters to the customer.
     *
     * @return calls checked, calls whose deliveries arrived out of stored order
     */
    static long[] orderCheck() throws Exception {
        String url = System.getProperty("db");
        if (url == null) {
            return new long[] {0, 0};
        }
        Map<Long, List<long[]>> byCall = new java.util.HashMap<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "hcc", "hcc")) {
            boolean positions = c.getMetaData().getColumns(null, null, "delivery", "order_seq").next();
            String sql = "SELECT d.call_id, d.id, d.message_id FROM delivery d JOIN account a ON a.id = d.account_ref"
                    + " WHERE a.account_id = '12345678' AND d.call_id IS NOT NULL ORDER BY d.call_id, "
                    + (positions ? "d.order_seq, d.id" : "d.id");
            try (java.sql.ResultSet r = c.createStatement().executeQuery(sql)) {
                long rank = 0;
                while (r.next()) {
                    Long ticket = arrivalOrder.get(r.getString(3));
                    byCall.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                            .add(new long[] {rank++, ticket == null ? -1 : ticket});
                }
            }
        }
        long calls = 0;
        long outOfOrder = 0;
        for (List<long[]> ds : byCall.values()) {
            if (ds.size() < 2) {
                continue;
            }
            calls++;
            ds.sort(java.util.Comparator.comparingLong(d -> d[0]));
            for (int i = 1; i < ds.size(); i++) {
                if (ds.get(i)[1] < ds.get(i - 1)[1]) {
                    outOfOrder++;
                    break;
                }
            }
        }
        return new long[] {calls, outOfOrder};
    }

    /**
     * The customer's promise: the events of one call reach the endpoint in the order the dialer published them.
     * Each call's events were published one after another by one thread (publish numbers call * PER_CALL + k);
     * checked against the receiver's arrival order, with nothing the product stored.
     *
     * @return calls whose events all arrived, calls of those whose events arrived out of publish order
     */
    static long[] publishOrderCheck() {
        long calls = 0;
        long outOfOrder = 0;
        java.util.Set<Long> callNumbers = new java.util.HashSet<>();
        arrivalByPublished.keySet().forEach(n -> callNumbers.add(n / PER_CALL));
        for (long call : callNumbers) {
            long previous = -1;
            boolean complete = true;
            boolean inOrder = true;
            for (int k = 0; k < PER_CALL; k++) {
                Long ticket = arrivalByPublished.get(call * PER_CALL + k);
                if (ticket == null) {
                    complete = false;
                    break;
                }
                inOrder &= ticket > previous;
                previous = ticket;
            }
            if (complete && PER_CALL > 1) {
                calls++;
                outOfOrder += inOrder ? 0 : 1;
            }
        }
        return new long[] {calls, outOfOrder};
    }

    static String seed(String name) throws Exception {
        try (var reader = jakarta.json.Json.createReader(Files.newBufferedReader(
                Path.of("ejb-module/src/main/resources/seed-payloads/" + name + ".json")))) {
            return reader.readObject().getJsonObject("json").toString(); // compact, as a dialer sends it
        }
    }

    /** How much a counter (CPU ms, a MariaDB status) grew over a run, per delivery of that run. */
    static double perDelivery(Map<String, Long> before, Map<String, Long> after, String name, long deliveries) {
        return (after.get(name) - before.get(name)) / (double) deliveries;
    }

    /** CPU time used so far by each process named in -Dcpu=name:pid,... (with its child processes). */
    static Map<String, Long> cpuMillis() throws Exception {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Long> process : measured()) {
            out.merge(process.getKey(), ticks(process.getValue()) * 10, Long::sum); // 100 ticks per second
        }
        out.put("benchmark (dialer, receiver)", ticks(ProcessHandle.current().pid()) * 10);
        return out;
    }

    /** The processes measured, as -Dcpu=NAME:PID,... names them (MariaDB, Artemis, each instance). */
    static List<Map.Entry<String, Long>> measured() {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        for (String entry : System.getProperty("cpu", "").split(",")) {
            if (!entry.isBlank()) {
                String[] nv = entry.split(":");
                out.add(Map.entry(nv[0], Long.parseLong(nv[1].strip())));
            }
        }
        return out;
    }

    /** A process's CPU ticks, with its direct children's (a launcher's JVM). */
    static long ticks(long pid) throws Exception {
        long total = 0;
        for (long p : withChildren(pid)) {
            try {
                String[] f = statFields(Files.readString(Path.of("/proc", String.valueOf(p), "stat")));
                total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (java.io.IOException gone) {
                // ended
            }
        }
        return total;
    }

    /** The process and its direct children (where a launcher started the JVM), from /proc. */
    static List<Long> withChildren(long pid) throws Exception {
        List<Long> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    long self = Long.parseLong(name);
                    if (self == pid || Long.parseLong(statFields(Files.readString(p.resolve("stat")))[1]) == pid) {
                        out.add(self);
                    }
                } catch (java.io.IOException gone) {
                    // ended
                }
            }
        }
        return out;
    }

    /** The fields of a /proc stat line after the name (state first: utime is [11], stime [12]). */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * The slowest events of the latency run, each with what the product recorded of its way: when its intake
     * stored it (the message's wait before that is the broker's and the sessions'), when its delivery was made,
     * when its first attempt started, how many attempts it took, and its order note. Where a tail comes from.
     */
    static void slowest(List<Arrived> run, long countedFrom, int how) throws Exception {
        String url = System.getProperty("db");
        List<Arrived> byLatency = new ArrayList<>(run.stream().filter(a -> a.publishedAt() >= countedFrom).toList());
        byLatency.sort((a, b) -> Long.compare(b.latency(), a.latency()));
        System.out.println("The slowest counted events at the fixed rate (times in ms after the dialer published the event):");
        System.out.println();
        System.out.println("| event | latency | stored by the intake | delivery made | first attempt | attempts | order note |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (Arrived e : byLatency.subList(0, Math.min(how, byLatency.size()))) {
            String row = "| bench-" + e.n() + " (" + EVENTS[(int) (e.n() % EVENTS.length)] + ") | " + e.latency() + " | ";
            if (url == null) {
                System.out.println(row + "| | | | |");
                continue;
            }
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "hcc", "hcc")) {
                c.createStatement().execute("SET time_zone = '+00:00'"); // the product stores UTC wall-clock times
                java.sql.PreparedStatement q = c.prepareStatement("SELECT TIMESTAMPDIFF(MICROSECOND, d.created_at,"
                         + " e.received_at) / 1000, d.attempts, d.order_note, TIMESTAMPDIFF(MICROSECOND, d.created_at,"
                         + " (SELECT MIN(a.started_at) FROM delivery_attempt a WHERE a.delivery_ref = d.id)) / 1000,"
                         + " UNIX_TIMESTAMP(d.created_at) * 1000, UNIX_TIMESTAMP(e.received_at) * 1000"
                         + " FROM inbound_event e JOIN delivery d ON d.event_ref = e.id WHERE e.event_key = ?");
                q.setString(1, "bench-" + e.n());
                try (java.sql.ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        System.out.println(row + "(not found) | | | | |");
                        continue;
                    }
                    // the database's times are UTC wall clock, as the dialer's
                    long published = e.publishedAt();
                    long stored = (long) r.getDouble(6) - published;
                    long made = (long) r.getDouble(5) - published;
                    long firstAttempt = made + r.getLong(4);
                    System.out.println(row + stored + " | " + made + " | " + firstAttempt + " | " + r.getInt(2) + " | "
                            + (r.getString(3) == null ? "" : r.getString(3)) + " |");
                }
            }
        }
        System.out.println();
    }

    /**
     * The counted latency run by when the events were published, each 5 s: a tail of one moment stands out from
     * one of the steady rate.
     */
    static void latencyByWindow(List<Arrived> run, long start, int seconds) {
        List<List<Long>> windows = new ArrayList<>();
        for (long from = 0; from < seconds * 1000L; from += 5000) {
            windows.add(new ArrayList<>());
        }
        for (Arrived a : run) {
            long at = a.publishedAt() - start;
            if (at >= 0 && at < seconds * 1000L) {
                windows.get((int) (at / 5000)).add(a.latency());
            }
        }
        for (int w = 0; w < windows.size(); w++) {
            List<Long> in = windows.get(w);
            if (!in.isEmpty()) {
                Collections.sort(in);
                System.out.printf("| - of them published %d-%d s into the counted run (%,d) | p50 %d ms, p95 %d ms, p99 %d ms, max %d ms |%n",
                        w * 5, Math.min(w * 5 + 5, seconds), in.size(), pct(in, 50), pct(in, 95), pct(in, 99), in.get(in.size() - 1));
            }
        }
    }

    /**
     * Where the CPU went around the tail of the latency run: every 200 ms the CPU time of each thread of the
     * processes measured (instance, MariaDB, Artemis, the benchmark), from /proc; then, for the slowest windows (by
     * the worst latency of an event published in them) and for a typical one, the threads that used the most.
     */
    static final class ThreadSampler {
        static final long STEP_MS = 200;
        final List<Long> times = new ArrayList<>();
        final List<Map<String, Long>> samples = new ArrayList<>();
        volatile boolean running = true;
        Thread thread;

        /** The threads' processes: each measured one with its children (a launcher's JVM), and this one. */
        final Map<Long, String> processes = new java.util.LinkedHashMap<>();

        static ThreadSampler start() throws Exception {
            ThreadSampler t = new ThreadSampler();
            for (Map.Entry<String, Long> process : measured()) {
                for (long pid : withChildren(process.getValue())) {
                    t.processes.put(pid, process.getKey());
                }
            }
            t.processes.put(ProcessHandle.current().pid(), "benchmark");
            t.thread = new Thread(() -> {
                while (t.running) {
                    try {
                        long now = System.currentTimeMillis();
                        Map<String, Long> ticks = t.threadTicks();
                        synchronized (t) {
                            t.times.add(now);
                            t.samples.add(ticks);
                        }
                        Thread.sleep(STEP_MS);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.thread.setDaemon(true);
            t.thread.start();
            return t;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        /** Each thread's CPU ticks: "process/thread-name#tid" (names as /proc gives them, 15 characters). */
        Map<String, Long> threadTicks() throws Exception {
            Map<String, Long> out = new java.util.HashMap<>();
            for (Map.Entry<Long, String> p : processes.entrySet()) {
                Path tasks = Path.of("/proc", String.valueOf(p.getKey()), "task");
                if (!Files.isDirectory(tasks)) {
                    continue;
                }
                try (var list = Files.list(tasks)) {
                    for (Path task : (Iterable<Path>) list::iterator) {
                        try {
                            String stat = Files.readString(task.resolve("stat"));
                            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                            String[] f = statFields(stat);
                            out.put(p.getValue() + "/" + name + "#" + task.getFileName(),
                                    Long.parseLong(f[11]) + Long.parseLong(f[12]));
                        } catch (java.io.IOException | RuntimeException gone) {
                            // the thread ended
                        }
                    }
                }
            }
            return out;
        }

        void report(List<Arrived> run) {
            List<long[]> worst = new ArrayList<>(); // {window index, worst latency}
            synchronized (this) {
                long[] max = new long[times.size()];
                java.util.Arrays.fill(max, -1);
                for (Arrived a : run) {
                    // the window [times[i], times[i + 1]) the event was published in
                    int i = Collections.binarySearch(times, a.publishedAt());
                    i = i >= 0 ? i : -i - 2;
                    if (i >= 0 && i + 1 < times.size()) {
                        max[i] = Math.max(max[i], a.latency());
                    }
                }
                for (int i = 0; i + 1 < times.size(); i++) {
                    if (max[i] >= 0) {
                        worst.add(new long[] {i, max[i]});
                    }
                }
            }
            if (worst.isEmpty()) {
                return;
            }
            worst.sort((a, b) -> Long.compare(b[1], a[1]));
            System.out.println("Threads that used the most CPU in the latency run's slowest 200 ms windows (by the worst"
                    + " latency of an event published in the window), and in a typical one (ms of CPU in the window,"
                    + " 10 ms ticks; 400 ms is both cores):");
            System.out.println();
            System.out.println("| window (s into the run) | worst latency | all processes | threads |");
            System.out.println("|---|---:|---:|---|");
            List<long[]> shown = new ArrayList<>(worst.subList(0, Math.min(6, worst.size())));
            shown.add(worst.get(worst.size() / 2));
            for (int k = 0; k < shown.size(); k++) {
                long[] w = shown.get(k);
                int i = (int) w[0];
                Map<String, Long> a = samples.get(i);
                Map<String, Long> b = samples.get(i + 1);
                List<Map.Entry<String, Long>> used = new ArrayList<>();
                long all = 0;
                for (Map.Entry<String, Long> e : b.entrySet()) {
                    long d = (e.getValue() - a.getOrDefault(e.getKey(), 0L)) * 10;
                    all += d;
                    if (d > 0) {
                        used.add(Map.entry(e.getKey(), d));
                    }
                }
                used.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
                StringBuilder threads = new StringBuilder();
                for (Map.Entry<String, Long> e : used.subList(0, Math.min(8, used.size()))) {
                    threads.append(threads.length() == 0 ? "" : ", ").append(e.getKey().replaceAll("#\\d+$", ""))
                            .append(' ').append(e.getValue());
                }
                System.out.printf("| %.1f%s | %d ms | %d ms | %s |%n", (times.get(i) - times.get(0)) / 1000.0,
                        k == shown.size() - 1 ? " (typical)" : "", w[1], all, threads);
            }
            System.out.println();
        }
    }

    /** An event that arrived: its publish number, when the dialer published it (epoch ms), its latency. */
    record Arrived(long n, long publishedAt, long latency) {
    }

    /** The events numbered first .. first + count - 1 that arrived; each published at its arrival minus its latency. */
    static List<Arrived> arrived(long first, long count) {
        List<Arrived> out = new ArrayList<>();
        for (long n = first; n < first + count; n++) {
            Long l = arrivals.get(n);
            if (l != null) {
                out.add(new Arrived(n, arrivedAt(n) - l, l));
            }
        }
        return out;
    }

    static long arrivedAt(long n) {
        Long t = arrivalTimes.get(n);
        return t == null ? 0 : t;
    }

    /** MariaDB's own counters (statements, rows, commits), from -Ddb=JDBC_URL. */
    static Map<String, Long> dbStatus() throws Exception {
        Map<String, Long> out = new java.util.TreeMap<>();
        String url = System.getProperty("db");
        if (url == null) {
            return out;
        }
        Set<String> wanted = Set.of("Com_select", "Com_insert", "Com_update", "Com_delete", "Com_commit",
                "Handler_commit", "Innodb_rows_read", "Innodb_rows_inserted", "Innodb_rows_updated", "Questions",
                "Innodb_data_fsyncs", "Handler_read_rnd_next", "Com_xa_start", "Com_xa_commit", "Com_rollback",
                "Innodb_deadlocks", "Com_stmt_prepare", "Com_stmt_execute", "Com_stmt_close", "Com_admin_commands",
                "Innodb_buffer_pool_reads", "Innodb_buffer_pool_wait_free", "Innodb_log_waits");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "hcc", "hcc");
             java.sql.ResultSet r = c.createStatement().executeQuery("SHOW GLOBAL STATUS")) {
            while (r.next()) {
                if (wanted.contains(r.getString(1))) {
                    out.put(r.getString(1), Long.parseLong(r.getString(2)));
                }
            }
        }
        return out;
    }

    /**
     * The raw ceiling: a plain client, 8 threads sending synchronously, no persistence, counted over 10 s after 5 s of
     * the same not counted. Counted from a cold start (as it was until 2026-12-03) it moved between 2,437 and 4,198
     * req/s from run to run on one machine: the JIT compiling the client and the receiver, and MariaDB still writing
     * out the prefill, fell into the count, and the share of the ceiling moved with them.
     */
    static double ceiling(String target, String body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        hammer(client, target, body, 5_000);
        long[] counted = hammer(client, target, body, 10_000);
        if (counted[1] > 0) {
            System.out.printf("ceiling: %d of %d requests failed (connection closed by the receiver) and are not counted%n",
                    counted[1], counted[0] + counted[1]);
        }
        return counted[0] / 10.0;
    }

    /** 8 threads sending for {@code millis}: how many requests were answered, and how many failed. */
    static long[] hammer(HttpClient client, String target, String body, long millis) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long until = System.currentTimeMillis() + millis;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                HttpRequest r = HttpRequest.newBuilder(URI.create(target)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                while (System.currentTimeMillis() < until) {
                    try {
                        client.send(r, HttpResponse.BodyHandlers.discarding());
                        done.incrementAndGet();
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet(); // the JDK's server closes a kept-alive connection now and then
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        return new long[]{done.get(), failed.get()};
    }

    /**
     * Publishes for {@code seconds}; as fast as possible when {@code rate} is 0, else paced. Each thread is a dialer
     * connection: it takes the next call number from {@code calls} and publishes that call's events one after
     * another (Call Created, Call Ended, Call Saved), numbered {@code call * PER_CALL + k} in their dnis.
     *
     * @return how many events were published
     */
    static long publish(ActiveMQConnectionFactory cf, String[] payloads, AtomicLong calls, int seconds, int rate) throws Exception {
        int threads = rate == 0 ? 8 : 2;
        long until = System.currentTimeMillis() + seconds * 1000L;
        AtomicLong count = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try (Connection c = cf.createConnection()) {
                    // as fast as possible: transacted batches (one journal write per batch, as a busy dialer
                    // would publish); paced: one message per send, so each carries its own publish time
                    boolean batched = rate == 0 && BATCH > 1;
                    Session s = batched ? c.createSession(true, Session.SESSION_TRANSACTED)
                            : c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer p = s.createProducer(s.createQueue("HCC.WEBHOOKS.EVENTS"));
                    p.setDeliveryMode(DeliveryMode.PERSISTENT);
                    long began = System.nanoTime();
                    long mine = 0;
                    while (System.currentTimeMillis() < until) {
                        long call = calls.incrementAndGet();
                        for (int k = 0; k < PER_CALL; k++) {
                            if (rate > 0) {
                                long due = began + (long) (mine * 1e9 / (rate / (double) threads));
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                }
                            }
                            long n = call * PER_CALL + k;
                            int type = k % EVENTS.length;
                            TextMessage m = s.createTextMessage(payloads[type].replace("\"dnis\":\"\"",
                                    "\"dnis\":\"b" + n + "-" + System.currentTimeMillis() + "\"").replace("\"call_id\":11142", "\"call_id\":" + call));
                            m.setStringProperty("event", EVENTS[type]);
                            m.setStringProperty("eventId", "bench-" + n);
                            p.send(m);
                            mine++;
                            if (!batched) {
                                count.incrementAndGet();
                            } else if (mine % BATCH == 0) {
                                s.commit();
                                count.addAndGet(BATCH);
                            }
                        }
                    }
                    if (batched && mine % BATCH != 0) {
                        s.commit();
                        count.addAndGet(mine % BATCH);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            th.start();
            workers.add(th);
        }
        for (Thread th : workers) {
            th.join();
        }
        return count.get();
    }

    static void awaitAll(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** Deliveries per second between two times, from the receiver's timeline. */
    static double sustainedRate(long from, long to) {
        long[] first = null;
        long[] last = null;
        for (long[] p : timeline) {
            if (p[0] >= from && p[0] <= to) {
                if (first == null) {
                    first = p;
                }
                last = p;
            }
        }
        return first == null || last == first ? 0 : (last[1] - first[1]) * 1000.0 / (last[0] - first[0]);
    }

    static String memory(String[] pids, List<String> bases) throws Exception {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pids.length; i++) {
            String rss = Files.readAllLines(Path.of("/proc/" + pids[i].strip() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
            String metrics;
            try {
                metrics = send(bases.get(i), "GET", "/metrics?scope=base", null);
            } catch (IllegalStateException e) {
                metrics = "";
            }
            Matcher used = Pattern.compile("(?m)^(?:base_)?memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.E+]+)").matcher(metrics);
            String heap = used.find() ? String.format("heap %.0f MB", Double.parseDouble(used.group(1)) / 1e6) : "heap ?";
            parts.add("instance " + (i + 1) + ": " + heap + ", RSS " + rss.replace("VmRSS: ", "").replace(" kB", "") + " kB");
        }
        return String.join("; ", parts);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String send(String base, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(60));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
