package com.hcc.webhooks.delivery.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com): {@code webhook-signature: v1,<base64 HMAC-SHA256>} over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, with secrets written {@code whsec_<base64 key>}. During a
 * rotation every active secret signs, space-separated, so receivers holding either secret verify.
 */
public final class Signer {

    public static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signer() {
    }

    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static String signature(List<String> secrets, String messageId, long timestampSeconds, byte[] body) {
        return secrets.stream().map(s -> "v1," + sign(s, messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("signing secret is not usable");
        }
    }
}
