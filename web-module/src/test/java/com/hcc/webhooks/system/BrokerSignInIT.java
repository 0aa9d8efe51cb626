package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSSecurityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker with HCC_BROKER_USER and HCC_BROKER_PASSWORD: dialers must sign in over OpenWire and
 * STOMP, the product's own adapter signs in with the same user, and without them the launcher will not open the
 * broker beyond loopback.
 */
class BrokerSignInIT {

    static final String USER = "dialer";
    static final String PASSWORD = "broker-pass-8d2e";

    @Test
    void withAUserTheEmbeddedBrokerTakesOnlyThoseWhoSignIn() throws Exception {
        try (Receiver receiver = new Receiver();
             Product product = Product.start("broker-sign-in",
                     Map.of("HCC_BROKER_USER", USER, "HCC_BROKER_PASSWORD", PASSWORD))) {
            Api api = product.api();
            String account = Seeds.CALL_CREATED.accountId();
            assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"" + account + "\",\"name\":\"Signed in\"}").status());
            long access = api.post("/api/v1/accounts/" + account + "/access", "{\"type\":\"API_KEY\",\"apiName\":\"k\","
                    + "\"authKeyName\":\"x-api-key\",\"apiKey\":\"broker-sign-in-key-1\"}").json().getJsonNumber("id").longValue();
            assertEquals(201, api.post("/api/v1/accounts/" + account + "/webhooks", "{\"event\":\"call.created\",\"accessId\":"
                    + access + ",\"targetUrl\":\"" + receiver.url("/created") + "\"}").status());
            String openwire = "tcp://127.0.0.1:" + product.openwirePort;
            List<Dialer.Event> anonymous = List.of(event(901));

            JMSSecurityException noUser = assertThrows(JMSSecurityException.class,
                    () -> Dialer.openWire(openwire, null, null, anonymous));
            assertTrue(noUser.getMessage().contains("invalid"), noUser.getMessage());
            assertThrows(JMSSecurityException.class, () -> Dialer.openWire(openwire, USER, "wrong", List.of(event(902))));
            IOException stompRefused = assertThrows(IOException.class,
                    () -> Dialer.stomp(product.stompPort, List.of(event(903))));
            assertTrue(stompRefused.getMessage().contains("ERROR"), stompRefused.getMessage());

            Dialer.openWire(openwire, USER, PASSWORD, List.of(event(904)));
            Dialer.stomp(product.stompPort, USER, PASSWORD, List.of(event(905)));
            List<Integer> calls = receiver.await(r -> r.path().equals("/created"), 2, Duration.ofSeconds(60)).stream()
                    .map(r -> jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject()
                            .getInt("call_id")).sorted().toList();
            assertEquals(List.of(904, 905), calls);
            Thread.sleep(2_000);
            assertEquals(2, receiver.requests().size(), "nothing of the refused publishers arrived: " + receiver.requests());
        }
    }

    @Test
    void withoutAUserTheLauncherRefusesToOpenTheEmbeddedBrokerBeyondLoopback() throws Exception {
        Path root = Path.of(System.getProperty("hcc.root", "..")).toRealPath();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("hcc").toString(), "run").directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().put("HCC_SKIP_BUILD", "1");
        pb.environment().put("HCC_BROKER_HOST", "0.0.0.0");
        pb.environment().put("HCC_DATA_DIR", Product.work().resolve("broker-exposed").toString());
        pb.environment().put("HCC_HTTP_PORT", Integer.toString(Product.freePort()));
        pb.environment().remove("HCC_BROKER_USER");
        pb.environment().remove("HCC_BROKER_URL");
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher refuses at once");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("refusing to start") && out.contains("HCC_BROKER_USER"), out);
    }

    private static Dialer.Event event(int callId) throws Exception {
        String json = Seeds.CALL_CREATED.json().replace("\"call_id\":11142", "\"call_id\":" + callId);
        assertTrue(json.contains("\"call_id\":" + callId), json);
        return new Dialer.Event(Seeds.CALL_CREATED.event, json, Map.of());
    }
}
