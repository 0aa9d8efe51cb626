package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two instances sharing one MariaDB and one broker (the second uses the first's, as an external broker) split
 * the work, and in the normal case no delivery is sent twice.
 */
class TwoInstancesIT {

    static final int EVENTS = 200;

    @Test
    void twoInstancesShareTheWorkWithoutSendingTwice() throws Exception {
        String db = Product.freshDatabase("two");
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');
        Map<String, String> shared = Map.of("HCC_SECRETS_KEY", key);
        try (Receiver receiver = new Receiver();
             Product a = Product.startOnMariaDb("two-a", db, shared, true)) {
            Map<String, String> bEnv = new HashMap<>(shared);
            bEnv.put("HCC_HTTP_PORT", Integer.toString(Product.freePort()));
            bEnv.put("HCC_BROKER_URL", "tcp://127.0.0.1:" + a.openwirePort);
            try (Product b = Product.startOnMariaDb("two-b", db, bEnv, true)) {
                Api api = a.api();
                assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"12345678\",\"name\":\"Two\"}").status());
                long access = api.post("/api/v1/accounts/12345678/access", "{\"type\":\"API_KEY\",\"apiName\":\"k\","
                        + "\"authKeyName\":\"x-api-key\",\"apiKey\":\"shared-key-0123456789\"}").json()
                        .getJsonNumber("id").longValue();
                assertEquals(201, api.post("/api/v1/accounts/12345678/webhooks", "{\"event\":\"call.created\",\"accessId\":"
                        + access + ",\"targetUrl\":\"" + receiver.url("/two") + "\"}").status());
                for (int i = 0; i < EVENTS; i++) {
                    Dialer.openWire(a.openwirePort, "call.created",
                            Seeds.CALL_CREATED.json().replace("\"call_id\":11142", "\"call_id\":" + (300000 + i)),
                            Map.of("eventId", "two-" + i));
                }
                List<Receiver.Request> got = receiver.await(r -> true, EVENTS, Duration.ofSeconds(120));
                Thread.sleep(2000); // anything sent twice would arrive by now
                got = receiver.requests();
                Set<String> ids = got.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
                assertEquals(EVENTS, ids.size());
                assertEquals(EVENTS, got.size(), "no delivery sent twice");
                assertTrue(got.stream().allMatch(r -> "shared-key-0123456789".equals(r.header("x-api-key"))),
                        "both instances read the secret the first stored (shared HCC_SECRETS_KEY)");
                double byA = succeeded(a);
                double byB = succeeded(b);
                assertEquals(EVENTS, byA + byB, 0.1);
                assertTrue(byA > 0 && byB > 0, "both instances delivered: " + byA + " and " + byB);
                System.out.printf("two instances: %.0f and %.0f deliveries%n", byA, byB);
            }
        }
    }

    static double succeeded(Product p) throws Exception {
        return new Api(p.baseUrl(), null, null).get("/metrics").body().lines()
                .filter(l -> l.startsWith("hcc_deliveries_total{") && l.contains("outcome=\"succeeded\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
