package com.hcc.webhooks.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.credentials.boundary.Credentials;
import com.hcc.webhooks.credentials.entity.AuthType;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryAttempt;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.delivery.entity.ErrorClass;
import com.hcc.webhooks.events.boundary.Intake;
import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.events.entity.EventStatus;
import com.hcc.webhooks.events.entity.InboundEvent;
import com.hcc.webhooks.logs.boundary.Retention;
import com.hcc.webhooks.webhooks.boundary.Webhooks;
import com.hcc.webhooks.webhooks.entity.RequestMethod;
import com.hcc.webhooks.webhooks.entity.Webhook;
import com.sun.net.httpserver.HttpServer;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import jakarta.annotation.Resource;
import java.io.File;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine inside Payara Micro against MariaDB: migrations, intake (idempotency, rejection), and the
 * delivery path with retries, all through the real container services (JTA, JPA, EJB timers, CDI events).
 */
@ExtendWith(ArquillianExtension.class)
class EngineIT {

    @Deployment
    static WebArchive deployment() throws Exception {
        String dir = System.getProperty("arq.dir");
        WebArchive war = ShrinkWrap.create(WebArchive.class, "engine-it.war")
                .addPackages(true, "com.hcc.webhooks")
                .addAsResource("META-INF/microprofile-config.properties")
                .addAsResource("db/migrations.txt");
        for (String line : new String(EngineIT.class.getResourceAsStream("/db/migrations.txt").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("V")) {
                war.addAsResource("db/migration/" + line.strip());
            }
        }
        for (String seed : List.of("call-created", "call-ended", "call-saved", "reg-f-blocked")) {
            war.addAsResource("seed-payloads/" + seed + ".json");
        }
        return war
                .addAsWebInfResource("META-INF/beans.xml", "beans.xml")
                .addAsLibraries(new File(dir, "domain-module.jar"), new File(dir, "mariadb-java-client.jar"));
    }

    @EJB
    Intake intake;

    @EJB
    Accounts accounts;

    @EJB
    Credentials credentials;

    @EJB
    Webhooks webhooks;

    @EJB
    Deliveries deliveries;

    @EJB
    WebhookHealth health;

    @EJB
    Retention retention;

    @EJB
    Claims claims;

    @Inject
    OrderGuard orderGuard;

    @Inject
    EngineMetrics metrics;

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Resource
    UserTransaction tx;

    static String seed() throws Exception {
        try (InputStream in = EngineIT.class.getResourceAsStream("/seed-payloads/call-created.json")) {
            return Json.createReader(in).readObject().getJsonObject("json").toString();
        }
    }

    static String body(String accountId) throws Exception {
        return seed().replace("\"account_id\":\"12345678\"", "\"account_id\":\"" + accountId + "\"");
    }

    void account(String id) {
        if (accounts.find(id).isEmpty()) {
            accounts.create(new Accounts.AccountInput(id, "Account " + id));
        }
    }

    @Test
    void schemaIsMigratedOnMariaDb() throws Exception {
        Object version = em.createNativeQuery("SELECT MAX(version) FROM schema_version").getSingleResult();
        long migrations;
        try (InputStream in = EngineIT.class.getResourceAsStream("/db/migrations.txt")) {
            migrations = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("V")).count();
        }
        assertEquals(migrations, ((Number) version).longValue(), "every migration applied");
        String server = (String) em.createNativeQuery("SELECT VERSION()").getSingleResult();
        assertTrue(server.contains("MariaDB"), server);
    }

    @Test
    void theSameEventIdTwiceIsOneEvent() throws Exception {
        account("idem");
        Intake.Receipt first = intake.receive(EventSource.REST, "call.created", body("idem"), "dup-1", null);
        Intake.Receipt second = intake.receive(EventSource.JMS, "call.created", body("idem"), "dup-1", null);
        assertTrue(first.accepted());
        assertFalse(first.duplicate());
        assertTrue(second.duplicate());
        assertEquals(first.eventId(), second.eventId());
        Long count = em.createQuery("SELECT COUNT(e) FROM InboundEvent e WHERE e.accountId = 'idem'", Long.class)
                .getSingleResult();
        assertEquals(1L, count);
    }

    /**
     * The rows a flush writes to one table go to MariaDB as one bulk statement, not one per row (LocalDataSource's
     * connections; docs/performance.md, "Bulk inserts"): ten events of one group commit and their ten deliveries are
     * two INSERTs, counted by MariaDB itself on the transaction's connection.
     */
    @Test
    void aGroupCommitWritesItsEventsAndDeliveriesAsTwoInserts() throws Exception {
        account("bulk");
        try (Endpoint endpoint = new Endpoint((n, b) -> 200)) {
            webhook("bulk", "call.created", endpoint.url(), null, null);
            List<Intake.Incoming> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(new Intake.Incoming(EventSource.JMS, "call.created", callEvent("bulk", 7100 + i, "b" + i),
                        "bulk-" + i, null, null));
            }
            long[] inserts = inTransaction(() -> {
                long before = comInsert();
                List<Intake.Receipt> receipts = intake.receiveAll(batch);
                assertTrue(receipts.stream().allMatch(r -> r.accepted() && r.deliveries() == 1), receipts.toString());
                return new long[] {before, comInsert()};
            });
            assertEquals(2, inserts[1] - inserts[0], "INSERT statements for 10 events and their 10 deliveries");
            endpoint.awaitHits(10, 30);
            assertEquals(10, endpoint.hits.size(), "every event delivered");
        }
    }

    /**
     * A record hands the next deliveries of its orders over in one update (Claims.handOver): all of them when their
     * leases are free; and when another claim leased one of them after the record read it, none: the hand-over
     * throws and its transaction is rolled back (Attempts then records the outcomes one by one), rather than guess
     * which leases the update took.
     */
    @Test
    void aHandOverLeasesAllItsDeliveriesInOneUpdateOrNone() throws Exception {
        account("handover");
        try (Endpoint endpoint = new Endpoint((n, b) -> 200)) {
            long webhookId = webhook("handover", "call.created", endpoint.url(), null, null);
            java.time.Instant inAnHour = java.time.Instant.now().plusSeconds(3600);
            long[] ids = inTransaction(() -> {
                Webhook w = em.find(Webhook.class, webhookId);
                InboundEvent e = InboundEvent.accepted(EventSource.REST,
                        com.hcc.webhooks.events.entity.EventType.CALL_CREATED, "handover", "handover-1", body("handover"));
                em.persist(e);
                long[] made = new long[2];
                for (int i = 0; i < 2; i++) {
                    Delivery d = new Delivery(e, w, com.hcc.webhooks.delivery.control.MessageIds.next(),
                            java.time.Instant.now(), null);
                    d.defer(inAnHour); // not due: the poller leaves them alone
                    em.persist(d);
                    em.flush();
                    made[i] = d.getId();
                }
                return made;
            });
            List<OrderGuard.Next> next = List.of(new OrderGuard.Next(ids[0], webhookId, List.of()),
                    new OrderGuard.Next(ids[1], webhookId, List.of()));

            tx.begin();
            try {
                List<DeliveriesDue.Due> due = claims.handOver(next, java.util.Map.of(), id -> true, java.time.Instant.now());
                assertTrue(due.stream().allMatch(d -> d.prepared() != null), "both handed over: " + due);
                assertEquals(2L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM delivery WHERE id IN (" + ids[0]
                        + ", " + ids[1] + ") AND lease_owner IS NOT NULL").getSingleResult()).longValue());
            } finally {
                tx.rollback();
            }

            tx.begin();
            try {
                em.find(Delivery.class, ids[0]);
                em.find(Delivery.class, ids[1]); // read unleased by this transaction
                try (java.sql.Connection other = otherConnection()) { // another instance's claim, committed
                    other.createStatement().executeUpdate("UPDATE delivery SET lease_owner = 'another-instance',"
                            + " lease_until = DATE_ADD(UTC_TIMESTAMP(3), INTERVAL 90 SECOND) WHERE id = " + ids[1]);
                }
                org.junit.jupiter.api.Assertions.assertThrows(jakarta.ejb.EJBException.class,
                        () -> claims.handOver(next, java.util.Map.of(), id -> true, java.time.Instant.now()));
            } finally {
                tx.rollback();
            }
            try (java.sql.Connection other = otherConnection();
                 java.sql.ResultSet r = other.createStatement().executeQuery("SELECT id, lease_owner FROM delivery"
                         + " WHERE id IN (" + ids[0] + ", " + ids[1] + ") ORDER BY id")) {
                assertTrue(r.next());
                assertEquals(null, r.getString(2), "the lease the failed hand-over took is rolled back");
                assertTrue(r.next());
                assertEquals("another-instance", r.getString(2));
            }
        }
    }

    /**
     * The poller's read, with 2,000 deliveries due for a webhook this instance is backlogged on (the oldest of all)
     * and 20,000 finished ones of another, logged: it leaves the backlogged webhook out, finds the other's three due
     * rows, and MariaDB answers it from one index in its order, without looking up a row or sorting (before
     * 2026-12-03's seventh part: every due row looked up in the table, the webhook joined, all of them sorted). The
     * metrics read that index too: how long the most overdue delivery nobody holds has waited.
     */
    @Test
    void thePollerReadsOneIndexInItsOrderAndLeavesOutABackloggedWebhook() throws Exception {
        account("backlog");
        try (Endpoint endpoint = new Endpoint((n, b) -> 200)) {
            long busy = webhook("backlog", "call.created", endpoint.url(), null, null);
            long other = webhook("backlog", "call.ended", endpoint.url(), null, null);
            java.time.Instant longAgo = java.time.Instant.now().minusSeconds(3600);
            // the log, committed and analysed, so MariaDB plans with the statistics it would have (copies of one
            // finished delivery, deleted at the end)
            long logged = inTransaction(() -> {
                InboundEvent e = InboundEvent.accepted(EventSource.REST,
                        com.hcc.webhooks.events.entity.EventType.CALL_CREATED, "backlog", "backlog-0", body("backlog"));
                em.persist(e);
                Delivery d = new Delivery(e, em.find(Webhook.class, other),
                        com.hcc.webhooks.delivery.control.MessageIds.next(), longAgo, null);
                d.succeeded(200, 1, longAgo);
                em.persist(d);
                em.flush();
                return d.getId();
            });
            try (java.sql.Connection c = otherConnection()) {
                c.createStatement().executeUpdate("INSERT INTO delivery (id, row_version, created_at, updated_at,"
                        + " account_ref, event_ref, webhook_ref, message_id, status, attempts, completed_at)"
                        + " SELECT 900000000000 + seq, 1, created_at, updated_at, account_ref, event_ref, webhook_ref,"
                        + " CONCAT('msg_logged_', seq), status, attempts, completed_at"
                        + " FROM seq_1_to_20000, (SELECT * FROM delivery WHERE id = " + logged + ") x");
                c.createStatement().execute("ANALYZE TABLE delivery");
            }
            tx.begin(); // never committed: the instance's own poller never sees these rows
            try {
                Webhook b = em.find(Webhook.class, busy);
                Webhook o = em.find(Webhook.class, other);
                InboundEvent e = InboundEvent.accepted(EventSource.REST,
                        com.hcc.webhooks.events.entity.EventType.CALL_CREATED, "backlog", "backlog-1", body("backlog"));
                em.persist(e);
                List<Long> busyIds = new java.util.ArrayList<>();
                List<Long> otherIds = new java.util.ArrayList<>();
                for (int i = 0; i < 2003; i++) {
                    boolean ofOther = i >= 2000;
                    Delivery d = new Delivery(e, ofOther ? o : b, com.hcc.webhooks.delivery.control.MessageIds.next(),
                            longAgo.plusSeconds(ofOther ? 600 + i : i), null);
                    em.persist(d);
                    em.flush();
                    (ofOther ? otherIds : busyIds).add(d.getId());
                }

                assertEquals(otherIds, ofWebhooks(claims.due(500, java.util.Set.of(busy)), busy, other));
                assertEquals(busyIds.subList(0, 10), ofWebhooks(claims.due(10, java.util.Set.of()), busy, other),
                        "not backlogged: the oldest first, up to the batch");

                // the metrics: the backlogged webhook's oldest has waited an hour past its due time; leased (being
                // attempted), none of these waits
                EngineMetrics.Snapshot waiting = metrics.read(System.currentTimeMillis());
                assertTrue(waiting.open() >= 2003 && waiting.oldestAgeSeconds() >= 3590, "metrics: " + waiting);
                em.createNativeQuery("UPDATE delivery SET lease_owner = 'elsewhere', lease_until = ?1 WHERE event_ref = "
                        + e.getId()).setParameter(1, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(5))
                        .executeUpdate();
                EngineMetrics.Snapshot leased = metrics.read(System.currentTimeMillis());
                assertTrue(leased.open() >= 2003 && leased.oldestAgeSeconds() < 1800, "metrics: " + leased);

                String sql = Claims.dueStatement(1).replace("?1", "UTC_TIMESTAMP(3)").replace("?2", "500")
                        .replace("?3", String.valueOf(busy));
                String plan = java.util.Arrays.toString((Object[]) em.createNativeQuery("EXPLAIN " + sql)
                        .getResultList().get(0));
                assertTrue(plan.contains("ix_delivery_due_at") && plan.contains("Using index")
                        && !plan.contains("filesort"), "plan: " + plan);
            } finally {
                tx.rollback();
                try (java.sql.Connection c = otherConnection()) {
                    c.createStatement().executeUpdate("DELETE FROM delivery WHERE id >= 900000000000");
                }
            }
        }
    }

    private static List<Long> ofWebhooks(List<DeliveriesDue.Due> due, long... webhooks) {
        java.util.Set<Long> of = java.util.Arrays.stream(webhooks).boxed().collect(java.util.stream.Collectors.toSet());
        return due.stream().filter(d -> of.contains(d.webhookId())).map(DeliveriesDue.Due::id).toList();
    }

    /** A connection of its own, outside the test's transaction (another instance, as far as the product can tell). */
    private static java.sql.Connection otherConnection() throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", System.getProperty("hcc.db.user"));
        p.setProperty("password", System.getProperty("hcc.db.password"));
        return new org.mariadb.jdbc.Driver().connect(System.getProperty("hcc.db.url"), p);
    }

    /**
     * The engine's statements are prepared on MariaDB once per connection and then only executed with their values
     * (LocalDataSource's {@code useServerPrepStmts}): the server counts executions of prepared statements, which
     * statements sent as text (the driver's default) never are.
     */
    @Test
    void statementsArePreparedOnTheServer() throws Exception {
        long[] executions = inTransaction(() -> {
            long before = sessionStatus("Com_stmt_execute");
            for (int i = 0; i < 3; i++) {
                em.createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult();
            }
            return new long[] {before, sessionStatus("Com_stmt_execute")};
        });
        long executed = executions[1] - executions[0];
        assertTrue(executed >= 3, "prepared statements executed: " + executed);
    }

    @Test
    void orderLocksAreAFewStatementsPreparedOnce() throws Exception {
        long[] prepares = inTransaction(() -> {
            long before = sessionStatus("Com_stmt_prepare");
            for (int i = 0; i < 20; i++) { // three calls' orders each time: other rows, two or three of them
                orderGuard.lock(List.of("lock-a-" + i, "lock-b-" + i, "lock-c-" + i));
            }
            return new long[] {before, sessionStatus("Com_stmt_prepare")};
        });
        long prepared = prepares[1] - prepares[0];
        // one statement for two rows, one for three or four, and one for the status query at most (with the rows
        // written into the text: about one per lock)
        assertTrue(prepared <= 3, "statements prepared for 20 locks: " + prepared);
    }

    @Test
    void aWebhooksLastSuccessIsReadFromTheEndOfAnIndexNotSorted() throws Exception {
        // the health review's question (Delivery.LAST_SUCCESS) as MariaDB plans it; with (webhook_ref, status) alone
        // it read every success of the webhook and sorted them
        List<?> plan = inTransaction(() -> em.createNativeQuery("EXPLAIN SELECT completed_at FROM delivery"
                + " WHERE webhook_ref = 1 AND message_id NOT LIKE 'msg!_test!_%' ESCAPE '!' AND status = 'SUCCEEDED'"
                + " ORDER BY completed_at DESC LIMIT 1").getResultList());
        String row = java.util.Arrays.toString((Object[]) plan.get(0));
        assertTrue(row.contains("ix_delivery_webhook_done") && !row.contains("filesort"), "plan: " + row);
    }

    private long sessionStatus(String name) {
        Object[] row = (Object[]) em.createNativeQuery("SHOW SESSION STATUS LIKE '" + name + "'").getSingleResult();
        return Long.parseLong(row[1].toString());
    }

    private long comInsert() {
        return sessionStatus("Com_insert");
    }

    @Test
    void aMalformedEventIsKeptWithItsReason() {
        Intake.Receipt r = intake.receive(EventSource.JMS, "call.created", "{\"account_id\": ", null, null);
        assertFalse(r.accepted());
        InboundEvent e = em.find(InboundEvent.class, r.eventId());
        assertEquals(EventStatus.REJECTED, e.getStatus());
        assertEquals("{\"account_id\": ", e.getPayload());
        assertTrue(e.getRejectReason().contains("not valid JSON"), e.getRejectReason());
    }

    @Test
    void failedAttemptsAreRetriedUntilTheyAreAccepted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(calls.incrementAndGet() <= 2 ? 503 : 200, -1);
            x.close();
        });
        server.start();
        try {
            account("retry");
            long access = credentials.create("retry", new Credentials.AccessInput(AuthType.API_KEY, "key",
                    "x-api-key", null, null, "retry-api-key-123456", null, null, null, null)).id();
            webhooks.create("retry", new Webhooks.WebhookInput(RequestMethod.POST, "call.created", access,
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", null, 5, null, null, null, null));
            Intake.Receipt r = intake.receive(EventSource.REST, "call.created", body("retry"), null, null);
            assertEquals(1, r.deliveries());

            Delivery d = awaitTerminal(r.eventId());
            assertEquals(DeliveryStatus.SUCCEEDED, d.getStatus());
            assertEquals(3, d.getAttempts(), "503, 503, then 200 (schedule 0s,1s,1s)");
            List<DeliveryAttempt> attempts = em.createNamedQuery(DeliveryAttempt.FIND_BY_DELIVERY, DeliveryAttempt.class)
                    .setParameter("delivery", d).getResultList();
            assertEquals(List.of(503, 503, 200), attempts.stream().map(DeliveryAttempt::getResponseStatus).toList());
            assertEquals(ErrorClass.HTTP_STATUS, attempts.get(0).getErrorClass());
            assertTrue(attempts.get(0).getRequestHeaders().contains("\"x-api-key\":\"retry-****\""),
                    attempts.get(0).getRequestHeaders());
            // traces are off by default (otel.sdk.disabled=true, as shipped): no span, no trace context stored
            assertFalse(jakarta.enterprise.inject.spi.CDI.current()
                    .select(com.hcc.webhooks.platform.boundary.Telemetry.class).get().on(), "traces off by default");
            assertEquals(null, d.getTraceParent(), "no trace context is stored while traces are off");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void goneDisablesTheWebhookAtOnce() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(410, -1);
            x.close();
        });
        server.start();
        try (Endpoint ops = new Endpoint((n, b) -> 200)) {
            account("gone");
            long webhookId = webhooks.create("gone", new Webhooks.WebhookInput(null, "call.created", null,
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/", null, null, null, null, null, null))
                    .webhook().id();
            webhook("gone", "webhook.disabled", ops.url(), null, null); // the account's notification endpoint
            Intake.Receipt r = intake.receive(EventSource.REST, "call.created", body("gone"), null, null);
            Delivery d = awaitTerminal(r.eventId());
            assertEquals(DeliveryStatus.FAILED, d.getStatus());
            assertEquals(1, d.getAttempts(), "410 is not retried");
            Webhook w = reloaded(webhookId);
            assertFalse(w.isEnabled());
            assertTrue(w.getDisabledReason().contains("410"));
            JsonObject notice = awaitNotice(ops, "webhook.disabled");
            assertEquals(webhookId, notice.getJsonNumber("webhook_id").longValue());
            assertEquals("gone", notice.getString("account_id"));
            assertEquals(w.getDisabledReason(), notice.getString("reason"));
            assertEquals(1, ops.count.get(), "announced once");
        } finally {
            server.stop(0);
        }
    }

    /** The first notification of a type the endpoint received, within 20 s. */
    static JsonObject awaitNotice(Endpoint ops, String type) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Endpoint.Hit h : ops.hits) {
                JsonObject o = Json.createReader(new java.io.StringReader(h.body())).readObject();
                if (type.equals(o.getString("type", null))) {
                    return o;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " notification in 20 s; received: " + ops.hits);
    }

    @Test
    void aWebhookThatStartsFailingAndRecoversIsAnnouncedBothTimes() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (Endpoint crm = new Endpoint((n, b) -> down.get() ? 503 : 200); Endpoint ops = new Endpoint((n, b) -> 200)) {
            account("flaky");
            long id = webhook("flaky", "call.created", crm.url(), null, null);
            webhook("flaky", "webhook.failing", ops.url(), null, null);
            webhook("flaky", "webhook.recovered", ops.url(), null, null);
            Delivery d = awaitTerminal(intake.receive(EventSource.REST, "call.created", body("flaky"), null, null).eventId());
            assertEquals(DeliveryStatus.FAILED, d.getStatus());
            health.review();
            JsonObject failing = awaitNotice(ops, "webhook.failing");
            assertEquals(id, failing.getJsonNumber("webhook_id").longValue());
            assertEquals(d.getCreatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    failing.getString("failing_since"));
            health.review();
            Thread.sleep(500);
            assertEquals(1, ops.count.get(), "still failing: said once");

            down.set(false);
            deliveries.resend("flaky", d.getMessageId());
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline && inTransaction(() -> {
                Delivery again = em.find(Delivery.class, d.getId());
                em.refresh(again);
                return again.getStatus() != DeliveryStatus.SUCCEEDED;
            })) {
                Thread.sleep(100);
            }
            health.review();
            JsonObject recovered = awaitNotice(ops, "webhook.recovered");
            assertEquals(id, recovered.getJsonNumber("webhook_id").longValue());
            assertEquals(jakarta.json.JsonValue.NULL, recovered.get("failing_since"));
            assertEquals(2, ops.count.get());
        }
    }

    /** A real HTTP endpoint on loopback whose answers the test decides, recording what it got and when. */
    static final class Endpoint implements AutoCloseable {
        record Hit(long atMillis, String body) {
        }

        interface Behaviour {
            /** @return the status to answer, after sleeping as long as the test wants */
            int answer(int n, String body) throws InterruptedException;
        }

        final HttpServer server;
        final List<Hit> hits = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger count = new AtomicInteger();

        Endpoint(Behaviour behaviour) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", x -> {
                String body = new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int n = count.incrementAndGet();
                int status;
                try {
                    status = behaviour.answer(n, body);
                } catch (InterruptedException e) {
                    status = 500;
                }
                if (status == 200) {
                    hits.add(new Hit(System.currentTimeMillis(), body));
                }
                if (status == 429) {
                    x.getResponseHeaders().add("Retry-After", "2");
                }
                if (status == 302) {
                    x.getResponseHeaders().add("Location", "/elsewhere");
                }
                try {
                    x.sendResponseHeaders(status, -1);
                } catch (java.io.IOException e) {
                    // the client gave up (timeout test)
                }
                x.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        /** Waits until at least {@code n} requests were answered 200, or the seconds are up (the caller asserts). */
        void awaitHits(int n, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (hits.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    long webhook(String account, String event, String url, Integer timeout, Integer perSecond) {
        return webhooks.create(account, new Webhooks.WebhookInput(null, event, null, url, null, timeout, perSecond,
                null, null, null)).webhook().id();
    }

    static String callEvent(String accountId, long callId, String marker) throws Exception {
        return body(accountId).replace("\"call_id\":11142", "\"call_id\":" + callId)
                .replace("\"dnis\":\"\"", "\"dnis\":\"" + marker + "\"");
    }

    /**
     * Whether, within 20 s, a statement on the delivery table (a locking read, or the given kind of write, e.g.
     * {@code "UPDATE delivery %"}) has run for over half a second: it waits for a row another connection holds. The
     * lock-wait tables need the PROCESS privilege; our own threads in the process list do not.
     */
    static boolean awaitBlocked(java.sql.Connection watch, String write) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            try (java.sql.PreparedStatement q = watch.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE TIME_MS > 500 AND (INFO LIKE 'SELECT%FOR UPDATE%' OR INFO LIKE ?)"
                    + " AND INFO NOT LIKE '%PROCESSLIST%'")) {
                q.setString(1, write);
                try (java.sql.ResultSet w = q.executeQuery()) {
                    w.next();
                    if (w.getLong(1) > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Runs a read in a transaction of its own (the test method has none), so entities can be refreshed. */
    <T> T inTransaction(java.util.concurrent.Callable<T> work) throws Exception {
        tx.begin();
        try {
            return work.call();
        } finally {
            tx.commit();
        }
    }

    List<DeliveryAttempt> attempts(Delivery d) throws Exception {
        return inTransaction(() -> em.createNamedQuery(DeliveryAttempt.FIND_BY_DELIVERY, DeliveryAttempt.class)
                .setParameter("delivery", d).getResultList());
    }

    Webhook reloaded(long webhookId) throws Exception {
        return inTransaction(() -> {
            Webhook w = em.find(Webhook.class, webhookId);
            em.refresh(w);
            return w;
        });
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        try (Endpoint slowOnce = new Endpoint((n, b) -> {
            if (n == 1) {
                Thread.sleep(2500);
            }
            return 200;
        })) {
            account("timeout");
            webhook("timeout", "call.created", slowOnce.url(), 1, null);
            Delivery d = awaitTerminal(intake.receive(EventSource.REST, "call.created", body("timeout"), null, null).eventId());
            assertEquals(DeliveryStatus.SUCCEEDED, d.getStatus());
            assertEquals(List.of(ErrorClass.TIMEOUT), attempts(d).stream().map(DeliveryAttempt::getErrorClass)
                    .filter(java.util.Objects::nonNull).toList());
        }
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheScheduleRunsOut() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        account("refused");
        webhook("refused", "call.created", "http://127.0.0.1:" + closed + "/", null, null);
        Delivery d = awaitTerminal(intake.receive(EventSource.REST, "call.created", body("refused"), null, null).eventId());
        assertEquals(DeliveryStatus.FAILED, d.getStatus());
        assertEquals(List.of(ErrorClass.CONNECTION, ErrorClass.CONNECTION, ErrorClass.CONNECTION),
                attempts(d).stream().map(DeliveryAttempt::getErrorClass).toList());
    }

    @Test
    void aWebhookWhoseEveryDeliveryFailsIsDisabledWithItsReason() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        account("dead");
        long id = webhook("dead", "call.created", "http://127.0.0.1:" + closed + "/", null, null);
        Delivery d = awaitTerminal(intake.receive(EventSource.REST, "call.created", body("dead"), null, null).eventId());
        assertEquals(DeliveryStatus.FAILED, d.getStatus());
        health.review();
        Webhook failing = reloaded(id);
        assertTrue(failing.isEnabled(), "failing for less than the window (5 s here) keeps it enabled");
        assertTrue(failing.getFailingSince() != null);
        Thread.sleep(Math.max(0, d.getCreatedAt().plusMillis(5500).toEpochMilli() - System.currentTimeMillis()));
        health.review();
        Webhook disabled = reloaded(id);
        assertFalse(disabled.isEnabled());
        assertTrue(disabled.getDisabledReason().startsWith("Every delivery has failed since"), disabled.getDisabledReason());
    }

    @Test
    void oauthTokensAreFetchedCachedAndRenewedWhenRefused() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        java.util.List<String> forms = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer auth = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        auth.createContext("/token", x -> {
            forms.add(new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] b = ("{\"access_token\":\"tok-" + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":3600}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        auth.start();
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            String bearer = x.getRequestHeaders().getFirst("Authorization");
            seen.add(bearer);
            x.sendResponseHeaders("Bearer tok-1".equals(bearer) ? 401 : 200, -1); // the first token is revoked
            x.close();
        });
        api.start();
        try {
            account("oauth");
            long access = credentials.create("oauth", new Credentials.AccessInput(AuthType.OAUTH2, "idp", "Authorization",
                    "hcc-client", "oauth-secret-value", null, null,
                    "http://127.0.0.1:" + auth.getAddress().getPort() + "/token", "webhooks", "crm")).id();
            webhooks.create("oauth", new Webhooks.WebhookInput(null, "call.created", access,
                    "http://127.0.0.1:" + api.getAddress().getPort() + "/", null, null, null, null, null, null));
            Delivery first = awaitTerminal(intake.receive(EventSource.REST, "call.created", callEvent("oauth", 1, "a"), null, null).eventId());
            Delivery second = awaitTerminal(intake.receive(EventSource.REST, "call.created", callEvent("oauth", 2, "b"), null, null).eventId());
            assertEquals(DeliveryStatus.SUCCEEDED, first.getStatus());
            assertEquals(1, first.getAttempts(), "the 401 and the retry with a new token are one attempt");
            assertEquals(DeliveryStatus.SUCCEEDED, second.getStatus());
            assertEquals(List.of("Bearer tok-1", "Bearer tok-2", "Bearer tok-2"), seen, "fetched, renewed once, then cached");
            assertEquals(2, issued.get());
            assertTrue(forms.get(0).contains("grant_type=client_credentials") && forms.get(0).contains("scope=webhooks")
                    && forms.get(0).contains("audience=crm") && forms.get(0).contains("client_id=hcc-client"), forms.get(0));
            assertTrue(attempts(first).get(0).getRequestHeaders().contains("\"Authorization\":\"Bearer ****\""));
        } finally {
            auth.stop(0);
            api.stop(0);
        }
    }

    @Test
    void sendTestReportsAnUnreadableCredentialInsteadOfFailing() throws Exception {
        account("tampered");
        long access = credentials.create("tampered", new Credentials.AccessInput(AuthType.API_KEY, "k", "x-api-key",
                null, null, "tampered-key-123456", null, null, null, null)).id();
        long id = webhooks.create("tampered", new Webhooks.WebhookInput(null, "call.created", access,
                "http://127.0.0.1:9/", null, null, null, null, null, null)).webhook().id();
        inTransaction(() -> em.createNativeQuery("UPDATE access_credential SET secret_enc = CONCAT(secret_enc, 'A')"
                + " WHERE id = ?").setParameter(1, access).executeUpdate());
        Deliveries.TestResult r = webhooks.sendTest("tampered", id);
        assertFalse(r.succeeded());
        assertTrue(r.error().contains("integrity check"), r.error());
    }

    @Test
    void aTestIsRecordedAsOneAttemptNeverRetriedResentRecoveredOrAllowedToDisable() throws Exception {
        try (Endpoint gone = new Endpoint((n, b) -> 410)) {
            account("tests");
            long id = webhook("tests", "call.created", gone.url(), null, null);
            java.time.Instant before = java.time.Instant.now().minusSeconds(1);
            Deliveries.TestResult r = webhooks.sendTest("tests", id);
            assertFalse(r.succeeded());
            assertEquals(410, r.status());
            assertTrue(r.logId().startsWith(Delivery.TEST_PREFIX), r.logId());
            Delivery d = em.createQuery("SELECT d FROM Delivery d JOIN FETCH d.event WHERE d.messageId = :id", Delivery.class)
                    .setParameter("id", r.logId()).getSingleResult();
            assertEquals(DeliveryStatus.FAILED, d.getStatus(), "failed for good: a test is not retried");
            assertEquals(null, d.getNextAttemptAt());
            assertEquals(1, d.getAttempts());
            assertEquals(EventSource.TEST, d.getEvent().getSource());
            assertEquals(Boolean.TRUE, em.createQuery("SELECT w.enabled FROM Webhook w WHERE w.id = :id", Boolean.class)
                    .setParameter("id", id).getSingleResult(), "a 410 to a test does not disable the webhook");
            assertEquals(0, deliveries.recover("tests", id, before).requeued(), "recovery leaves tests alone");
            com.hcc.webhooks.platform.control.ProblemException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    com.hcc.webhooks.platform.control.ProblemException.class, () -> deliveries.resend("tests", r.logId()));
            assertTrue(refused.getMessage().contains("test"), refused.getMessage());
            assertEquals(1, gone.count.get());
            health.review();
            assertEquals(null, reloaded(id).getFailingSince(), "a failed test does not make the webhook failing");
        }
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
        try (Endpoint redirecting = new Endpoint((n, b) -> 302)) {
            account("redirect");
            webhook("redirect", "call.created", redirecting.url(), null, null);
            Delivery d = awaitTerminal(intake.receive(EventSource.REST, "call.created", body("redirect"), null, null).eventId());
            assertEquals(DeliveryStatus.FAILED, d.getStatus());
            assertEquals(302, d.getLastStatusCode());
            assertEquals(3, redirecting.count.get(), "three attempts, and /elsewhere never asked for");
        }
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        try (Endpoint busyOnce = new Endpoint((n, b) -> n == 1 ? 429 : 200)) {
            account("retryafter");
            webhook("retryafter", "call.created", busyOnce.url(), null, null);
            Delivery d = awaitTerminal(intake.receive(EventSource.REST, "call.created", body("retryafter"), null, null).eventId());
            assertEquals(DeliveryStatus.SUCCEEDED, d.getStatus());
            List<DeliveryAttempt> a = attempts(d);
            long gap = java.time.Duration.between(a.get(0).getStartedAt(), a.get(1).getStartedAt()).toMillis();
            assertTrue(gap >= 1900, "waited the 2 s the receiver asked for, not the schedule's 0 s: " + gap);
        }
    }

    @Test
    void theEventsOfOneCallArriveInOrderAcrossAFailureWhileOtherCallsGoOn() throws Exception {
        AtomicInteger createdTries = new AtomicInteger();
        try (Endpoint crm = new Endpoint((n, b) -> b.contains("\"call_id\":1001") && b.contains("created")
                && createdTries.incrementAndGet() <= 2 ? 503 : 200)) {
            account("order");
            for (String event : List.of("call.created", "call.ended", "call.saved")) {
                webhook("order", event, crm.url(), null, null);
            }
            intake.receive(EventSource.JMS, "call.created", callEvent("order", 1001, "created"), null, null);
            intake.receive(EventSource.JMS, "call.ended", callEvent("order", 1001, "ended"), null, null);
            intake.receive(EventSource.JMS, "call.saved", callEvent("order", 1001, "saved"), null, null);
            intake.receive(EventSource.JMS, "call.created", callEvent("order", 2002, "other"), null, null);
            crm.awaitHits(4, 30);
            List<String> order = crm.hits.stream().map(h -> h.body().contains("\"dnis\":\"other\"") ? "other"
                    : h.body().contains("\"dnis\":\"created\"") ? "created"
                    : h.body().contains("\"dnis\":\"ended\"") ? "ended" : "saved").toList();
            assertEquals(4, order.size(), order.toString());
            assertEquals(List.of("created", "ended", "saved"), order.stream().filter(o -> !o.equals("other")).toList());
            assertEquals("other", order.get(0), "another call is not held up by call 1001's retries: " + order);
            assertEquals(3, createdTries.get());
        }
    }

    @Test
    void aDeliveryWaitingForAnEarlierOneIsNotPolledAndIsWokenWhenThatOneIsDone() throws Exception {
        try (Endpoint crm = new Endpoint((n, b) -> n == 1 ? 429 : 200)) { // Retry-After: 2 on the first request
            account("waits");
            webhook("waits", "call.created", crm.url(), null, null);
            webhook("waits", "call.ended", crm.url(), null, null);
            long created = intake.receive(EventSource.JMS, "call.created", callEvent("waits", 4004, "created"), null, null)
                    .eventId();
            long ended = intake.receive(EventSource.JMS, "call.ended", callEvent("waits", 4004, "ended"), null, null)
                    .eventId();
            Delivery waiting = inTransaction(() -> em.createNamedQuery(Delivery.FIND_BY_EVENT, Delivery.class)
                    .setParameter("event", em.find(InboundEvent.class, ended)).getSingleResult());
            assertTrue(waiting.getNextAttemptAt().isAfter(java.time.Instant.now().plusSeconds(2)),
                    "the later delivery is put off past the earlier one's next attempt: " + waiting.getNextAttemptAt());
            for (int i = 0; i < 5; i++) {
                assertFalse(claims.due(10_000, java.util.Set.of()).stream().anyMatch(d -> d.id() == waiting.getId()),
                        "the poller does not hand out a delivery that waits for an earlier one");
                Thread.sleep(200);
            }
            assertEquals(DeliveryStatus.SUCCEEDED, awaitTerminal(created).getStatus());
            assertEquals(DeliveryStatus.SUCCEEDED, awaitTerminal(ended).getStatus());
            assertEquals(2, crm.hits.size());
            assertTrue(crm.hits.get(0).body().contains("\"dnis\":\"created\""));
            long gap = crm.hits.get(1).atMillis() - crm.hits.get(0).atMillis();
            assertTrue(gap < 2000, "woken by the earlier one when it succeeded, not by the poller later: " + gap + " ms");
        }
    }

    @Test
    void oneEventToTwoWebhooksOfOneEndpointGoesOneAfterTheOtherWithoutWaiting() throws Exception {
        // two deliveries of one order at the same place: only their ids order them, and the intake decides their
        // order before they are written; were the ids given in another order than it assumed, the second would
        // wait for the 30 s recheck and go with a note that it was late
        int calls = 10;
        try (Endpoint crm = new Endpoint((n, b) -> 200)) {
            account("twins");
            webhook("twins", "call.created", crm.url(), null, null);
            webhook("twins", "call.created", crm.url(), null, null);
            long started = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                intake.receive(EventSource.JMS, "call.created", callEvent("twins", 40_000 + c, "twins-" + c), null, null);
            }
            crm.awaitHits(calls * 2, 20);
            assertEquals(calls * 2, crm.hits.size());
            assertTrue(System.nanoTime() - started < 15_000_000_000L, "a delivery waited for the order's recheck");
            Long notes = inTransaction(() -> em.createQuery("SELECT COUNT(d) FROM Delivery d WHERE d.account.accountId"
                    + " = 'twins' AND d.orderNote IS NOT NULL", Long.class).getSingleResult());
            assertEquals(0L, notes, "nothing had to be sent out of order");
        }
    }

    @Test
    void eventsOfOneCallTakenAtTheSameMomentGoInTheCallsLifeCycleOrder() throws Exception {
        // as the broker's sessions do: the three events of each call are taken by different threads at once, here
        // even submitted last stage first, so the order in which the intakes commit is anything but the call's
        int calls = 60;
        List<String> stages = List.of("call.created", "call.ended", "call.saved");
        try (Endpoint crm = new Endpoint((n, b) -> 200)) {
            account("burst");
            for (String event : stages) {
                webhook("burst", event, crm.url(), null, null);
            }
            java.util.concurrent.ExecutorService sessions = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<?>> received = new java.util.ArrayList<>();
            for (int c = 0; c < calls; c++) {
                for (int k = stages.size() - 1; k >= 0; k--) {
                    String event = stages.get(k);
                    String body = callEvent("burst", 30_000 + c, "burst-" + c + "-" + k);
                    received.add(sessions.submit(() -> intake.receive(EventSource.JMS, event, body, null, null)));
                }
            }
            for (java.util.concurrent.Future<?> f : received) {
                f.get();
            }
            sessions.shutdown();
            crm.awaitHits(calls * 3, 60);
            assertEquals(calls * 3, crm.hits.size());
            java.util.regex.Pattern marker = java.util.regex.Pattern.compile("\"dnis\":\"burst-(\\d+)-(\\d)\"");
            Map<String, String> arrived = new java.util.TreeMap<>();
            for (Endpoint.Hit hit : crm.hits) { // in arrival order
                java.util.regex.Matcher m = marker.matcher(hit.body());
                assertTrue(m.find());
                arrived.merge(m.group(1), m.group(2), String::concat);
            }
            Map<String, String> outOfOrder = new java.util.TreeMap<>(arrived);
            outOfOrder.values().removeIf("012"::equals);
            assertEquals(Map.of(), outOfOrder, "calls whose stages did not arrive as Created, Ended, Saved");
            Long notes = inTransaction(() -> em.createQuery("SELECT COUNT(d) FROM Delivery d WHERE d.account.accountId"
                    + " = 'burst' AND d.orderNote IS NOT NULL", Long.class).getSingleResult());
            assertEquals(0L, notes, "nothing had to be sent out of order");
        }
    }

    @Test
    void aStageThatHasNotArrivedHoldsALaterOneForTheOrderWaitThenItGoesAndTheLateOneFollows() throws Exception {
        try (Endpoint crm = new Endpoint((n, b) -> 200); Endpoint endedOnly = new Endpoint((n, b) -> 200)) {
            account("held");
            webhook("held", "call.created", crm.url(), null, null);
            webhook("held", "call.ended", crm.url(), null, null);
            // another endpoint takes only Call Ended: it has nothing to wait for
            webhook("held", "call.ended", endedOnly.url(), null, null);
            long start = System.currentTimeMillis();
            long ended = intake.receive(EventSource.JMS, "call.ended", callEvent("held", 5005, "ended"), null, null).eventId();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((crm.hits.isEmpty() || endedOnly.hits.isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, endedOnly.hits.size());
            assertTrue(endedOnly.hits.get(0).atMillis() - start < 1500,
                    "an endpoint without Call Created is not held: " + (endedOnly.hits.get(0).atMillis() - start) + " ms");
            assertEquals(1, crm.hits.size());
            long held = crm.hits.get(0).atMillis() - start;
            assertTrue(held >= 2000 && held < 6000, "held for the order wait (2 s in this test), then sent: " + held + " ms");
            Map<String, String> notes = new java.util.HashMap<>();
            for (Object[] row : inTransaction(() -> em.createQuery("SELECT d.webhook.targetUrl, d.orderNote FROM Delivery d"
                    + " WHERE d.event.id = :event", Object[].class).setParameter("event", ended).getResultList())) {
                notes.put((String) row[0], row[1] == null ? "" : (String) row[1]);
            }
            assertEquals(Map.of(crm.url(), "Sent without Call Created of this call, which had not arrived within 2000 ms.",
                    endedOnly.url(), ""), notes);

            // Call Created comes after all, once Call Ended's sending is recorded (the receiver has it a moment
            // before its record commits; arriving in that moment it would meet Call Ended still in flight): delivered
            // at once, said to be late
            long recordedBy = System.nanoTime() + 10_000_000_000L;
            while (inTransaction(() -> em.createQuery("SELECT COUNT(d) FROM Delivery d WHERE d.event.id = :event"
                    + " AND d.status = com.hcc.webhooks.delivery.entity.DeliveryStatus.SUCCEEDED", Long.class)
                    .setParameter("event", ended).getSingleResult()) < 2 && System.nanoTime() < recordedBy) {
                Thread.sleep(50);
            }
            long created = intake.receive(EventSource.JMS, "call.created", callEvent("held", 5005, "created"), null, null)
                    .eventId();
            Delivery late = awaitTerminal(created);
            assertEquals(DeliveryStatus.SUCCEEDED, late.getStatus());
            assertEquals("Arrived after Call Ended of this call had been sent: sent late, out of order.", late.getOrderNote());
            assertEquals(2, crm.hits.size());
        }
    }

    @Test
    void aWebhooksRateLimitHolds() throws Exception {
        try (Endpoint crm = new Endpoint((n, b) -> 200)) {
            account("rate");
            webhook("rate", "call.created", crm.url(), null, 4);
            for (int i = 0; i < 12; i++) {
                intake.receive(EventSource.JMS, "call.created", callEvent("rate", 5000 + i, "r"), null, null);
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (crm.hits.size() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(12, crm.hits.size());
            List<Long> at = crm.hits.stream().map(Endpoint.Hit::atMillis).sorted().toList();
            assertTrue(mostInAnySecond(at) <= 5, "at most 4 per second (+1 for clock edges): " + at);
            assertTrue(at.get(11) - at.get(0) >= 1900, "12 requests at 4/s take at least 2 s");
        }
    }

    /**
     * The receiver counts a request when it has finished reading it (here: at the end of a slow handler, as behind
     * a queueing proxy), not when the engine claimed it: the first four requests reach it 0.9 s after their
     * claim, so a limit that counted claims only would let the next four go a second after the first claims and
     * the receiver would see eight within one second.
     */
    @Test
    void aWebhooksRateLimitHoldsWhenRequestsReachTheReceiverLate() throws Exception {
        try (Endpoint crm = new Endpoint((n, b) -> {
            if (n <= 4) {
                Thread.sleep(900);
            }
            return 200;
        })) {
            account("ratelate");
            webhook("ratelate", "call.created", crm.url(), null, 4);
            for (int i = 0; i < 8; i++) {
                intake.receive(EventSource.JMS, "call.created", callEvent("ratelate", 5100 + i, "l"), null, null);
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (crm.hits.size() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(8, crm.hits.size());
            List<Long> at = crm.hits.stream().map(Endpoint.Hit::atMillis).sorted().toList();
            assertTrue(mostInAnySecond(at) <= 4, "at most 4 in any second the receiver saw: " + at);
        }
    }

    /** The most arrivals in any one-second window, from sorted arrival times in ms. */
    static long mostInAnySecond(List<Long> at) {
        long most = 0;
        for (long from : at) {
            most = Math.max(most, at.stream().filter(t -> t >= from && t < from + 1000).count());
        }
        return most;
    }

    @Test
    void aWebhooksMaxConcurrentHolds() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (Endpoint crm = new Endpoint((n, b) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(300);
            inFlight.decrementAndGet();
            return 200;
        })) {
            account("conc");
            webhooks.create("conc", new Webhooks.WebhookInput(null, "call.created", null, crm.url(), null, null, null,
                    2, null, null));
            for (int i = 0; i < 10; i++) {
                intake.receive(EventSource.JMS, "call.created", callEvent("conc", 6000 + i, "c"), null, null);
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (crm.hits.size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(10, crm.hits.size());
            assertEquals(2, most.get(), "never more than 2 requests at once, and the limit was used");
        }
    }

    @Test
    void aSlowEndpointDoesNotDelayAnotherWebhook() throws Exception {
        try (Endpoint slow = new Endpoint((n, b) -> {
            Thread.sleep(2000);
            return 200;
        }); Endpoint fast = new Endpoint((n, b) -> 200)) {
            account("slow");
            account("fast");
            webhook("slow", "call.created", slow.url(), 10, null);
            webhook("fast", "call.created", fast.url(), null, null);
            for (int i = 0; i < 40; i++) {
                intake.receive(EventSource.JMS, "call.created", callEvent("slow", 7000 + i, "s"), null, null);
            }
            long sent = System.currentTimeMillis();
            for (int i = 0; i < 3; i++) {
                intake.receive(EventSource.JMS, "call.created", callEvent("fast", 8000 + i, "f"), null, null);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (fast.hits.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(3, fast.hits.size());
            long worst = fast.hits.stream().mapToLong(h -> h.atMillis() - sent).max().orElseThrow();
            assertTrue(worst < 1500, "the fast endpoint waited " + worst + " ms behind 40 slow requests");
        }
    }

    @Test
    void everyMalformedInputIsKeptWithAReason() {
        String big = "{\"account_id\":\"1\",\"x\":\"" + "a".repeat(1024 * 1024) + "\"}";
        List<String[]> cases = List.of(
                new String[] {"call.created", "{\"account_id\": ", "not valid JSON"},
                new String[] {"call.nope", "{\"account_id\":\"1\"}", "unknown event"},
                new String[] {null, "{\"account_id\":\"1\"}", "missing event name"},
                new String[] {"call.created", "{\"call_id\":1}", "no account"},
                new String[] {"call.created", big, "exceeds 1 MiB"},
                new String[] {"call.created", "", "empty body"});
        for (String[] c : cases) {
            Intake.Receipt r = intake.receive(EventSource.JMS, c[0], c[1], null, null);
            assertFalse(r.accepted(), c[2]);
            InboundEvent e = em.find(InboundEvent.class, r.eventId());
            assertEquals(EventStatus.REJECTED, e.getStatus());
            assertTrue(e.getRejectReason().contains(c[2]), e.getRejectReason());
            assertTrue(e.getPayload().length() <= InboundEvent.MAX_REJECTED_BODY_CHARS);
        }
        Intake.Receipt unreadable = intake.rejectUnreadable(EventSource.JMS, "call.created", "jms:ID:x-1", null,
                "the message carries no text");
        assertFalse(unreadable.accepted());
        assertEquals("the message carries no text", em.find(InboundEvent.class, unreadable.eventId()).getRejectReason());
    }

    @Test
    void retentionClearsBodiesThenDeletesFinishedRowsButNeverOpenOnes() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            boolean down = x.getRequestURI().getPath().equals("/down");
            if (down) {
                x.getResponseHeaders().add("Retry-After", "3600"); // stays open for the length of the test
            }
            byte[] body = "{\"kept\":\"until the body retention\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.sendResponseHeaders(down ? 503 : 200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            account("retention");
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            webhook("retention", "call.created", base + "/ok", 5, null);
            webhook("retention", "call.created", base + "/down", 5, null);
            Intake.Receipt r = intake.receive(EventSource.REST, "call.created", body("retention"), null, null);
            Intake.Receipt rejected = intake.receive(EventSource.REST, "call.created",
                    "{\"account_id\":\"retention\",", null, null);
            assertEquals(2, r.deliveries());
            long okId = awaitAttempted(r.eventId(), base + "/ok");
            Delivery ok = inTransaction(() -> em.find(Delivery.class, okId));
            assertEquals(DeliveryStatus.SUCCEEDED, ok.getStatus());
            long open = awaitAttempted(r.eventId(), base + "/down");

            // bodies older than now go; rows younger than a day stay
            Retention.Purged bodies = retention.purge(java.time.Instant.now().minus(java.time.Duration.ofDays(1)),
                    java.time.Instant.now().plusSeconds(1));
            assertEquals(0, bodies.deliveries());
            assertTrue(bodies.bodiesCleared() >= 2, bodies.toString());
            assertTrue(attempts(ok).stream().allMatch(a -> a.getResponseBody() == null));
            assertEquals(200, attempts(ok).get(0).getResponseStatus(), "the metadata stays");

            // everything older than now goes, except what is still open and the event it needs
            Retention.Purged rows = retention.purge(java.time.Instant.now().plusSeconds(1), java.time.Instant.now().plusSeconds(1));
            assertTrue(rows.deliveries() >= 1 && rows.attempts() >= 1 && rows.events() >= 1, rows.toString());
            assertEquals(null, inTransaction(() -> em.find(Delivery.class, ok.getId())));
            assertEquals(0L, inTransaction(() -> em.createQuery("SELECT COUNT(a) FROM DeliveryAttempt a"
                    + " WHERE a.delivery.id = :id", Long.class).setParameter("id", ok.getId()).getSingleResult()));
            assertEquals(null, inTransaction(() -> em.find(InboundEvent.class, rejected.eventId())));
            Delivery stillOpen = inTransaction(() -> em.find(Delivery.class, open));
            assertEquals(DeliveryStatus.RETRYING, stillOpen.getStatus());
            assertTrue(inTransaction(() -> em.find(InboundEvent.class, r.eventId())) != null, "its event is kept");
        } finally {
            server.stop(0);
        }
    }

    /** A new account with one webhook to the endpoint, and one event delivered to it: the delivery's id. */
    long deliveredOnce(String account, Endpoint endpoint) throws Exception {
        account(account);
        webhook(account, "call.created", endpoint.url(), 5, null);
        Intake.Receipt r = intake.receive(EventSource.REST, "call.created", body(account), null, null);
        return awaitAttempted(r.eventId(), endpoint.url());
    }

    @Test
    void retentionKeepsADeliveryResentWhileItsBatchIsBeingDeleted() throws Exception {
        try (Endpoint crm = new Endpoint((n, b) -> 200)) {
            long id = deliveredOnce("resent-old", crm);
            Delivery finished = inTransaction(() -> em.find(Delivery.class, id));
            assertEquals(DeliveryStatus.SUCCEEDED, finished.getStatus());
            java.util.concurrent.ExecutorService purger = java.util.concurrent.Executors.newSingleThreadExecutor();
            try (java.sql.Connection resend = otherConnection(); java.sql.Connection watch = otherConnection()) {
                // a resend of the finished delivery, not committed yet: it holds the row (due in an hour, so the
                // engine leaves it alone for the length of the test)
                resend.setAutoCommit(false);
                resend.createStatement().executeUpdate("UPDATE delivery SET status = 'PENDING', next_attempt_at ="
                        + " DATE_ADD(UTC_TIMESTAMP(3), INTERVAL 1 HOUR), completed_at = NULL WHERE id = " + id);
                // retention's batch reads the delivery as finished (the resend is not committed) and then waits for
                // its row
                java.util.concurrent.Future<long[]> purged = purger.submit(
                        () -> retention.deleteDeliveries(finished.getCreatedAt().plusMillis(1), id - 1));
                assertTrue(awaitBlocked(watch, "DELETE FROM delivery %"), "retention never waited for the resent row");
                resend.commit();
                long[] done = purged.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(0, done[1], "deliveries deleted");
            } finally {
                purger.shutdownNow();
            }
            em.getEntityManagerFactory().getCache().evict(Delivery.class, id); // the row was changed behind JPA
            Delivery kept = inTransaction(() -> em.find(Delivery.class, id));
            assertTrue(kept != null, "the resent delivery was deleted while open");
            assertEquals(DeliveryStatus.PENDING, kept.getStatus());
            assertTrue(!attempts(kept).isEmpty(), "its attempts are kept with it");
        }
    }

    @Test
    void aResendThatWaitedForRetentionsDeleteFindsNoDelivery() throws Exception {
        try (Endpoint crm = new Endpoint((n, b) -> 200)) {
            long id = deliveredOnce("deleted-old", crm);
            String logId = inTransaction(() -> em.find(Delivery.class, id)).getMessageId();
            java.util.concurrent.ExecutorService user = java.util.concurrent.Executors.newSingleThreadExecutor();
            try (java.sql.Connection purge = otherConnection(); java.sql.Connection watch = otherConnection()) {
                // as retention's batch does: the finished delivery locked by its id, then deleted with its attempts
                purge.setAutoCommit(false);
                purge.createStatement().executeQuery("SELECT id FROM delivery WHERE id IN (" + id + ")"
                        + " AND status IN ('SUCCEEDED', 'FAILED') FOR UPDATE").close();
                java.util.concurrent.Future<?> resent = user.submit(() -> {
                    deliveries.resend("deleted-old", logId);
                    return null;
                });
                assertTrue(awaitBlocked(watch, "UPDATE delivery %"), "the resend never waited for the row");
                purge.createStatement().executeUpdate("DELETE FROM delivery_attempt WHERE delivery_ref = " + id);
                purge.createStatement().executeUpdate("DELETE FROM delivery WHERE id = " + id);
                purge.commit();
                java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> resent.get(30, java.util.concurrent.TimeUnit.SECONDS));
                Throwable cause = com.hcc.webhooks.platform.control.ProblemException.unwrap(e.getCause());
                assertTrue(cause instanceof com.hcc.webhooks.platform.control.ProblemException p
                                && p.kind() == com.hcc.webhooks.platform.control.ProblemException.Kind.NOT_FOUND,
                        "a resend of a delivery deleted meanwhile is a 404, not: " + cause);
            } finally {
                user.shutdownNow();
            }
        }
    }

    @Test
    void resendFailedSinceLeavesOutADeliveryDeletedWhileItWaitedAndGoesOn() throws Exception {
        try (Endpoint crm = new Endpoint((n, b) -> 200)) {
            account("recover-gone");
            long webhookId = webhook("recover-gone", "call.created", crm.url(), 5, null);
            java.time.Instant since = java.time.Instant.now().minusSeconds(1);
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Intake.Receipt r = intake.receive(EventSource.REST, "call.created",
                        callEvent("recover-gone", 40_000 + i, "r" + i), null, null);
                ids.add(awaitAttempted(r.eventId(), crm.url()));
            }
            long gone = ids.get(1);
            java.util.concurrent.ExecutorService user = java.util.concurrent.Executors.newSingleThreadExecutor();
            try (java.sql.Connection purge = otherConnection(); java.sql.Connection watch = otherConnection()) {
                purge.createStatement().executeUpdate("UPDATE delivery SET status = 'FAILED' WHERE id IN ("
                        + ids.get(0) + ", " + gone + ", " + ids.get(2) + ")");
                em.getEntityManagerFactory().getCache().evict(Delivery.class);
                // retention's batch holds the middle one, about to delete it
                purge.setAutoCommit(false);
                purge.createStatement().executeQuery("SELECT id FROM delivery WHERE id IN (" + gone + ")"
                        + " AND status IN ('SUCCEEDED', 'FAILED') FOR UPDATE").close();
                java.util.concurrent.Future<Deliveries.Recovery> recovered = user.submit(
                        () -> deliveries.recover("recover-gone", webhookId, since));
                assertTrue(awaitBlocked(watch, "UPDATE delivery %"), "the recovery never waited for the row");
                purge.createStatement().executeUpdate("DELETE FROM delivery_attempt WHERE delivery_ref = " + gone);
                purge.createStatement().executeUpdate("DELETE FROM delivery WHERE id = " + gone);
                purge.commit();
                assertEquals(2, recovered.get(30, java.util.concurrent.TimeUnit.SECONDS).requeued(),
                        "the two still there are due again, the deleted one left out");
            } finally {
                user.shutdownNow();
            }
            crm.awaitHits(5, 30);
            assertEquals(5, crm.hits.size(), "three first sends, then the two recovered");
        }
    }

    @Test
    void aTargetTheAddressPolicyBlocksIsRefusedOnSaveAndAtConnectTime() throws Exception {
        account("ssrf");
        // on save: early feedback on the field (this deployment allows only 127.0.0.1/32)
        for (String url : List.of("http://10.0.0.1/hook", "http://127.0.0.2/hook", "http://169.254.169.254/latest/meta-data")) {
            com.hcc.webhooks.platform.control.ProblemException e = org.junit.jupiter.api.Assertions.assertThrows(
                    com.hcc.webhooks.platform.control.ProblemException.class,
                    () -> webhook("ssrf", "call.created", url, 5, null), url);
            assertEquals("targetUrl", e.errors().get(0).field());
            String said = e.errors().get(0).message();
            assertTrue(said.startsWith("cannot be reached from HCC Webhooks: ") && said.endsWith("ask the platform operator"
                    + " to allow this network.") && !said.contains("hcc.delivery"), "in the customer's words: " + said);
        }
        // at connect time: a target stored before the policy (or a name that now resolves elsewhere) is not called
        long id = inTransaction(() -> {
            Webhook w = new Webhook(accounts.find("ssrf").orElseThrow(), com.hcc.webhooks.events.entity.EventType.CALL_CREATED,
                    RequestMethod.POST, "http://127.0.0.2:9/hook");
            em.persist(w);
            em.flush();
            return w.getId();
        });
        Intake.Receipt r = intake.receive(EventSource.REST, "call.created", body("ssrf"), null, null);
        assertEquals(1, r.deliveries());
        Delivery d = awaitTerminal(r.eventId());
        assertEquals(DeliveryStatus.FAILED, d.getStatus());
        assertEquals(1, d.getAttempts(), "not retried: only a change of policy or target helps");
        DeliveryAttempt a = attempts(d).get(0);
        assertEquals(ErrorClass.BLOCKED, a.getErrorClass());
        assertTrue(a.getErrorMessage().contains("127.0.0.2") && a.getErrorMessage().contains("loopback"), a.getErrorMessage());
        assertEquals(null, a.getResponseStatus());
        assertTrue(id > 0);
    }

    /** The delivery of an event to the given URL, once it has had an attempt. */
    long awaitAttempted(long eventId, String url) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Long id = inTransaction(() -> em.createNamedQuery(Delivery.FIND_BY_EVENT, Delivery.class)
                    .setParameter("event", em.find(InboundEvent.class, eventId)).getResultStream()
                    .peek(em::refresh)
                    .filter(d -> d.getWebhook().getTargetUrl().equals(url) && d.getAttempts() > 0)
                    .map(Delivery::getId).findFirst().orElse(null));
            if (id != null) {
                return id;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no attempt to " + url + " in 30 s");
    }

    Delivery awaitTerminal(long eventId) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Delivery done = inTransaction(() -> {
                List<Delivery> ds = em.createNamedQuery(Delivery.FIND_BY_EVENT, Delivery.class)
                        .setParameter("event", em.find(InboundEvent.class, eventId)).getResultList();
                if (!ds.isEmpty()) {
                    em.refresh(ds.get(0));
                    return ds.get(0).getStatus().isTerminal() ? ds.get(0) : null;
                }
                return null;
            });
            if (done != null) {
                return done;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("delivery of event " + eventId + " did not finish in 30 s");
    }
}
