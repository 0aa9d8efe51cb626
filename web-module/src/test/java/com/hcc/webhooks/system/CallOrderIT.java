package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Per-call order as the dialer sent it (docs/delivery.md, "Ordered per call"): one endpoint subscribed to Call
 * Created, Call Ended and Call Saved (three webhooks, one target URL, ordering left at its default), calls of
 * three events published back to back on one connection. The check compares what the receiver got with what the
 * dialer published, never with anything the product stored: every call's events arrive in publish order.
 * <ul>
 * <li>back to back over STOMP to the embedded broker, and one client posting over REST one after another;</li>
 * <li>a backlog: published to an external broker (Artemis) while the product is stopped, drained at start-up;</li>
 * <li>two instances on that broker, events published back to back while both consume (half of the calls with a
 * JMSXGroupID, as docs/delivery.md tells dialers to set it), then 1,800 events without groups.</li>
 * </ul>
 */
class CallOrderIT {

    static final int CALLS = 100;
    /** Calls of a burst to two instances: more events than both take ahead of their sessions. */
    static final int BURST_CALLS = 600;
    static final String ACCOUNT = "12345678";
    static final List<Seeds> LIFE_CYCLE = List.of(Seeds.CALL_CREATED, Seeds.CALL_ENDED, Seeds.CALL_SAVED);
    static final Pattern MARK = Pattern.compile("\"dnis\":\"([a-z]+)-(\\d+)-(\\d)\"");

    @Test
    void backToBackOverStompAndOneRestClientArriveInPublishOrder() throws Exception {
        try (Receiver receiver = new Receiver();
             Product product = Product.startOnMariaDb("order-embedded", Product.freshDatabase("order_embedded"), Map.of(), true)) {
            subscribe(product.api(), receiver);
            Dialer.stomp(product.stompPort, calls("stomp", 500_000, CALLS, false));
            assertEquals(Map.of(), outOfPublishOrder(receiver, "stomp", CALLS), "calls out of publish order (STOMP)");

            Api api = product.api();
            for (Dialer.Event e : calls("rest", 600_000, 10, false)) {
                assertEquals(202, api.post("/api/v1/events/" + e.event(), e.json()).status());
            }
            assertEquals(Map.of(), outOfPublishOrder(receiver, "rest", 10), "calls out of publish order (REST)");
        }
    }

    @Test
    void aBacklogDrainedAtStartUpAndTwoInstancesArriveInPublishOrder() throws Exception {
        Path root = Path.of(System.getProperty("hcc.root", "..")).toRealPath();
        Path brokerDir = Product.work().resolve("order-artemis");
        Product.deleteTree(brokerDir);
        int brokerPort = Product.freePort();
        String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
        FaultsIT.run(root, "scripts/artemis.sh", "start", brokerDir.toString(), Integer.toString(brokerPort));
        String db = Product.freshDatabase("order_broker");
        Map<String, String> env = Map.of("HCC_BROKER_URL", "failover:(" + brokerUrl + ")?initialReconnectDelay=100",
                "HCC_BROKER_USER", "hcc", "HCC_BROKER_PASSWORD", "hcc",
                "HCC_SECRETS_KEY", Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'o'));
        try (Receiver receiver = new Receiver()) {
            // the webhooks exist before the backlog builds up: set up by one start, then stopped
            try (Product setup = Product.startOnMariaDb("order-a", db, withPort(env), true)) {
                subscribe(setup.api(), receiver);
            }
            Dialer.openWire(brokerUrl, "hcc", "hcc", calls("backlog", 700_000, CALLS, false));
            try (Product a = Product.startOnMariaDb("order-a", db, withPort(env), false)) {
                assertEquals(Map.of(), outOfPublishOrder(receiver, "backlog", CALLS),
                        "calls out of publish order (backlog drained at start-up)");

                try (Product b = Product.startOnMariaDb("order-b", db, withPort(env), true)) {
                    Dialer.openWire(brokerUrl, "hcc", "hcc", calls("two", 800_000, 2 * CALLS, true));
                    assertEquals(Map.of(), outOfPublishOrder(receiver, "two", 2 * CALLS),
                            "calls out of publish order (two instances, half of the calls grouped)");
                    // without groups, more events than both take ahead of their sessions: the broker hands the
                    // stages of one call to both instances in turn (the prefetch decides how far apart they get)
                    Dialer.openWire(brokerUrl, "hcc", "hcc", calls("burst", 900_000, BURST_CALLS, false));
                    assertEquals(Map.of(), outOfPublishOrder(receiver, "burst", BURST_CALLS),
                            "calls out of publish order (two instances, a burst without groups)");
                    System.out.printf("two instances: %.0f and %.0f deliveries%n",
                            TwoInstancesIT.succeeded(a), TwoInstancesIT.succeeded(b));
                }
            }
        } finally {
            FaultsIT.run(root, "scripts/artemis.sh", "stop", brokerDir.toString());
        }
    }

    static Map<String, String> withPort(Map<String, String> env) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.put("HCC_HTTP_PORT", Integer.toString(Product.freePort()));
        return e;
    }

    /** One endpoint for the whole life cycle of a call, as customers set it up: three webhooks, one target URL. */
    static void subscribe(Api api, Receiver receiver) throws Exception {
        assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"" + ACCOUNT + "\",\"name\":\"Order\"}").status());
        for (Seeds s : LIFE_CYCLE) {
            assertEquals(201, api.post("/api/v1/accounts/" + ACCOUNT + "/webhooks", "{\"event\":\"" + s.event
                    + "\",\"targetUrl\":\"" + receiver.url("/crm") + "\"}").status());
        }
    }

    /**
     * Calls of three events each, in the order a dialer publishes them: call after call, each Created, Ended,
     * Saved. The dnis field marks run, call and place in the call's publish order.
     */
    static List<Dialer.Event> calls(String run, long firstCallId, int calls, boolean groupHalf) throws Exception {
        List<Dialer.Event> events = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            long callId = firstCallId + c;
            for (int k = 0; k < LIFE_CYCLE.size(); k++) {
                Seeds s = LIFE_CYCLE.get(k);
                String json = s.json().replace("\"call_id\":11142", "\"call_id\":" + callId)
                        .replace("\"dnis\":\"\"", "\"dnis\":\"" + run + "-" + callId + "-" + k + "\"");
                Map<String, String> properties = groupHalf && c % 2 == 0
                        ? Map.of("JMSXGroupID", ACCOUNT + ":" + callId) : Map.of();
                events.add(new Dialer.Event(s.event, json, properties));
            }
        }
        return events;
    }

    /**
     * Waits until every event of the run has arrived, then compares each call's arrivals with its publish order.
     *
     * @return the calls whose events arrived in another order, with the order they arrived in
     */
    static Map<String, String> outOfPublishOrder(Receiver receiver, String run, int calls) throws Exception {
        List<Receiver.Request> got = receiver.await(r -> r.body().contains("\"dnis\":\"" + run + "-"),
                calls * LIFE_CYCLE.size(), Duration.ofMinutes(3));
        Map<String, StringBuilder> arrived = new LinkedHashMap<>();
        for (Receiver.Request r : got) {
            Matcher m = MARK.matcher(r.body());
            if (m.find()) {
                StringBuilder seen = arrived.computeIfAbsent(m.group(2), k -> new StringBuilder());
                if (seen.indexOf(m.group(3)) < 0) { // a repeat (at least once) is not an order
                    seen.append(m.group(3));
                }
            }
        }
        assertEquals(calls, arrived.size(), "every call of the run arrived");
        Map<String, String> outOfOrder = new LinkedHashMap<>();
        arrived.forEach((call, seen) -> {
            if (!seen.toString().equals("012")) {
                outOfOrder.put(call, seen.toString());
            }
        });
        return outOfOrder;
    }
}
