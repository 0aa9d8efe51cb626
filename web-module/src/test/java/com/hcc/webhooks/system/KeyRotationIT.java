package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotating the encryption key of stored secrets, as docs/security.md says to: start with key 1; then key 2 as
 * the current key with key 1 still readable; re-encrypt; then key 2 alone. Deliveries keep their credential
 * and their signature at every step, and no stored secret is left under key 1 at the end.
 */
class KeyRotationIT {

    static final String API_KEY = "rotation-api-key-0123456789";

    @Test
    void secretsMoveToTheNewKeyWithoutLosingAnything() throws Exception {
        String key1 = newKey();
        String key2 = newKey();
        try (Receiver receiver = new Receiver()) {
            String signingSecret;
            try (Product first = Product.start("rotation", Map.of("HCC_SECRETS_KEY", key1))) {
                Api api = first.api();
                assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"12345678\",\"name\":\"Rotation\"}").status());
                long access = api.post("/api/v1/accounts/12345678/access", "{\"type\":\"API_KEY\",\"apiName\":\"k\","
                        + "\"authKeyName\":\"x-api-key\",\"apiKey\":\"" + API_KEY + "\"}").json().getJsonNumber("id").longValue();
                signingSecret = api.post("/api/v1/accounts/12345678/webhooks", "{\"event\":\"call.created\",\"accessId\":"
                        + access + ",\"targetUrl\":\"" + receiver.url("/r") + "\"}").json().getString("signingSecret");
                deliverAndCheck(api, receiver, 1, signingSecret);
            }
            try (Product second = Product.start("rotation", Map.of("HCC_SECRETS_KEY", key2, "HCC_SECRETS_PREVIOUS_KEYS", key1), false)) {
                Api api = second.api();
                deliverAndCheck(api, receiver, 2, signingSecret);
                Api.Answer rotated = api.post("/api/v1/secrets/re-encrypt", "");
                assertEquals(200, rotated.status(), rotated.body());
                assertEquals(1, rotated.json().getInt("credentials"));
                assertEquals(1, rotated.json().getInt("webhooks"));
                assertEquals(0, api.post("/api/v1/secrets/re-encrypt", "").json().getInt("credentials"), "nothing left to do");
                assertTrue(Files.readString(second.serverLog()).contains("Key rotation: re-encrypted 1 credential secrets"));
            }
            try (Product third = Product.start("rotation", Map.of("HCC_SECRETS_KEY", key2), false)) {
                deliverAndCheck(third.api(), receiver, 3, signingSecret);
                assertTrue(!Files.readString(third.serverLog()).contains(API_KEY), "the key is never logged");
            }
        }
    }

    static void deliverAndCheck(Api api, Receiver receiver, int n, String signingSecret) throws Exception {
        assertEquals(202, api.post("/api/v1/events/call.created", Seeds.CALL_CREATED.json()
                .replace("\"call_id\":11142", "\"call_id\":" + (90000 + n))).status());
        List<Receiver.Request> got = receiver.await(r -> r.path().equals("/r"), n, Duration.ofSeconds(60));
        Receiver.Request last = got.stream().filter(r -> r.body().contains("\"call_id\":" + (90000 + n))).findFirst().orElseThrow();
        assertEquals(API_KEY, last.header("x-api-key"), "the credential decrypts at step " + n);
        ProductSystemIT.verifyStandardWebhooksSignature(last, signingSecret);
    }

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
