package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 in the middle of 2,000 events: after a restart every event reaches the receiver, and a request seen
 * twice carries the same webhook-id (at-least-once, deduplicable), with nothing left open.
 */
class CrashRecoveryIT {

    static final int EVENTS = 2000;

    @Test
    void killedMidStreamLosesNothing() throws Exception {
        String db = Product.freshDatabase("crash");
        // a short lease, so the deliveries in flight at the kill are taken again within seconds
        Map<String, String> env = Map.of("HCC_DELIVERY_LEASE_SECONDS", "10");
        try (Receiver receiver = new Receiver()) {
            Product first = Product.startOnMariaDb("crash", db, env, true);
            try {
                Api api = first.api();
                assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"12345678\",\"name\":\"Crash\"}").status());
                assertEquals(201, api.post("/api/v1/accounts/12345678/webhooks", "{\"event\":\"call.created\",\"targetUrl\":\""
                        + receiver.url("/crash") + "\"}").status());
                publish(first.openwirePort);
                receiver.await(r -> true, 300, Duration.ofSeconds(120));
                first.serverJvm().destroyForcibly(); // SIGKILL: no shutdown of anything
            } finally {
                first.close();
            }
            int atKill = receiver.requests().size();
            assertTrue(atKill < EVENTS, "the kill came mid-stream (" + atKill + " delivered before it)");

            try (Product second = Product.startOnMariaDb("crash", db, env, false)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                while (callIds(receiver.requests()).size() < EVENTS && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertEquals(EVENTS, callIds(receiver.requests()).size(), "every event reached the receiver");
                // a request that reached the receiver just before the kill was not recorded: its delivery is sent
                // again once its lease has run out and this instance's backlog lets the poller take it, which can be
                // after the last new event arrived
                long openOrFailed = notSucceeded(db);
                while (openOrFailed > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    openOrFailed = notSucceeded(db);
                }
                assertEquals(0, openOrFailed, "nothing stuck");
                List<Receiver.Request> all = receiver.requests();
                Map<String, Set<String>> idsPerCall = all.stream().collect(Collectors.groupingBy(CrashRecoveryIT::callId,
                        Collectors.mapping(r -> r.header("webhook-id"), Collectors.toSet())));
                idsPerCall.forEach((call, ids) -> assertEquals(1, ids.size(), "call " + call + " sent with " + ids));
                System.out.printf("crash test: %d delivered before the kill, %d requests in all, %d duplicates%n",
                        atKill, all.size(), all.size() - EVENTS);
            }
        }
    }

    static long notSucceeded(String db) throws Exception {
        try (var c = DriverManager.getConnection(db, "hcc", "hcc"); var s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM delivery WHERE status <> 'SUCCEEDED'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** 2,000 call.created events for distinct calls, each with its eventId, over OpenWire in batches. */
    static void publish(int port) throws Exception {
        String seed = Seeds.CALL_CREATED.json();
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(Dialer.QUEUE));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < EVENTS; i++) {
                TextMessage m = s.createTextMessage(seed.replace("\"call_id\":11142", "\"call_id\":" + (100000 + i)));
                m.setStringProperty("event", "call.created");
                m.setStringProperty("eventId", "crash-" + i);
                p.send(m);
                if (i % 100 == 99) {
                    s.commit();
                }
            }
            s.commit();
        }
    }

    static String callId(Receiver.Request r) {
        int at = r.body().indexOf("\"call_id\":") + 10;
        return r.body().substring(at, r.body().indexOf(',', at));
    }

    static Set<String> callIds(List<Receiver.Request> requests) {
        return requests.stream().map(CrashRecoveryIT::callId).collect(Collectors.toSet());
    }
}
