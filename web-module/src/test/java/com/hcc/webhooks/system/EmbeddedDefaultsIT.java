package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quick start: no database, broker or key configured (H2 file database, embedded broker, generated secrets
 * key; only a short lease and retry schedule, so the test need not wait minutes), and what was set up survives a
 * crash (kill -9) and the restart after it: the webhook is still there, its stored credential still decrypts, and an event answered 202 just before the kill is delivered after the restart (H2 wrote its
 * commits to the file up to a second later: such an event was lost).
 */
class EmbeddedDefaultsIT {

    static final String KEY = "embedded-api-key-31337";

    @Test
    void whatWasSetUpAndAcknowledgedSurvivesACrash() throws Exception {
        Receiver late = new Receiver();
        int latePort = late.port();
        try (Receiver receiver = new Receiver()) {
            try (Product first = Product.start("embedded", CRASH_RECOVERY)) {
                Api api = first.api();
                String health = new Api(first.baseUrl(), null, null).get("/health/ready").body().replaceAll("\\s", "");
                long migrations = java.nio.file.Files.readAllLines(java.nio.file.Path.of(System.getProperty("hcc.root", ".."),
                        "ejb-module/src/main/resources/db/migrations.txt")).stream().filter(l -> l.startsWith("V")).count();
                assertTrue(health.contains("\"schemaVersion\":\"" + migrations + "\""), "every migration applied: " + health);
                assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"12345678\",\"name\":\"Embedded\"}").status());
                long access = api.post("/api/v1/accounts/12345678/access", "{\"type\":\"API_KEY\",\"apiName\":\"k\","
                        + "\"authKeyName\":\"x-api-key\",\"apiKey\":\"" + KEY + "\"}").json().getJsonNumber("id").longValue();
                assertEquals(201, api.post("/api/v1/accounts/12345678/webhooks", "{\"event\":\"call.created\",\"accessId\":"
                        + access + ",\"targetUrl\":\"" + receiver.url("/created") + "\"}").status());
                assertTrue(Files.exists(first.serverLog().getParent().getParent().resolve("secrets.key")));
                assertTrue(Files.isDirectory(first.serverLog().getParent().getParent().resolve("db")));

                // a webhook whose endpoint is not up yet, so that nothing reaches it before the crash
                assertEquals(201, api.post("/api/v1/accounts/12345678/webhooks", "{\"event\":\"call.ended\",\"targetUrl\":"
                        + "\"" + late.url("/ended") + "\"}").status());
                late.close();
                assertEquals(202, api.post("/api/v1/events/call.ended", Seeds.CALL_ENDED.json()).status());
                ProcessHandle jvm = first.serverJvm();
                jvm.destroyForcibly(); // kill -9 right after the answer: the restart below is a restart after a crash
                jvm.onExit().get();
            }
            late = new Receiver(latePort);
            try (Product second = Product.start("embedded", CRASH_RECOVERY, false)) {
                Api api = second.api();
                String hooks = api.get("/api/v1/accounts/12345678/webhooks").body();
                assertTrue(hooks.contains(receiver.url("/created")), hooks);
                Dialer.stomp(second.stompPort, Seeds.CALL_CREATED.event, Seeds.CALL_CREATED.json());
                List<Receiver.Request> got = receiver.await(r -> r.path().equals("/created"), 1, Duration.ofSeconds(60));
                assertEquals(KEY, got.get(0).header("x-api-key"), "the credential stored before the restart still decrypts");
                assertEquals(Seeds.CALL_CREATED.json(), got.get(0).body());
                List<Receiver.Request> after = late.await(r -> r.path().equals("/ended"), 1, Duration.ofSeconds(90));
                assertEquals(Seeds.CALL_ENDED.json(), after.get(0).body(), "the event acknowledged before the crash");
            }
        } finally {
            late.close();
        }
    }

    /** The crashed instance's lease runs out after 10 s, and a failed attempt is tried again within seconds. */
    static final Map<String, String> CRASH_RECOVERY = Map.of("HCC_DELIVERY_LEASE_SECONDS", "10",
            "HCC_DELIVERY_RETRY_SCHEDULE", "0s,1s,2s,5s,10s");
}
