package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignerTest {

    /** The published example of the Standard Webhooks specification (and Svix's documentation). */
    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        String signature = Signer.signature(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void signsWithEveryActiveSecretDuringRotation() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String a = Signer.newSecret();
        String b = Signer.newSecret();
        String both = Signer.signature(List.of(a, b), "msg_1", 1L, body);
        assertEquals(Signer.signature(List.of(a), "msg_1", 1L, body) + " "
                + Signer.signature(List.of(b), "msg_1", 1L, body), both);
    }

    @Test
    void newSecretsHaveThePrefixAndEnoughEntropy() {
        String s = Signer.newSecret();
        assertTrue(s.startsWith("whsec_"));
        assertEquals(24, java.util.Base64.getDecoder().decode(s.substring(6)).length);
    }
}
