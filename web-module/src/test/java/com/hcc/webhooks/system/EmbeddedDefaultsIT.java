package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quick start: nothing configured (H2 file database, embedded broker, generated secrets key), and what
 * was set up survives a restart: the webhook is still there and its stored credential still decrypts.
 */
class EmbeddedDefaultsIT {

    static final String KEY = "embedded-api-key-31337";

    @Test
    void configurationAndSecretsSurviveARestart() throws Exception {
        try (Receiver receiver = new Receiver()) {
            try (Product first = Product.start("embedded", Map.of())) {
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
            }
            try (Product second = Product.start("embedded", Map.of(), false)) {
                Api api = second.api();
                String hooks = api.get("/api/v1/accounts/12345678/webhooks").body();
                assertTrue(hooks.contains(receiver.url("/created")), hooks);
                Dialer.stomp(second.stompPort, Seeds.CALL_CREATED.event, Seeds.CALL_CREATED.json());
                List<Receiver.Request> got = receiver.await(r -> r.path().equals("/created"), 1, Duration.ofSeconds(60));
                assertEquals(KEY, got.get(0).header("x-api-key"), "the credential stored before the restart still decrypts");
                assertEquals(Seeds.CALL_CREATED.json(), got.get(0).body());
            }
        }
    }
}
