package com.hcc.webhooks.delivery.control;

import com.hcc.webhooks.webhooks.entity.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Which deliveries must go out one at a time, in the order their events were received. A webhook carries one
 * event type, and customers point Call Created, Call Ended and Call Saved at one endpoint; so the order holds
 * per account, target endpoint and call: a Call Ended waits while the same call's Call Created to the same
 * endpoint is still being retried. Events without a call id (Reg F) and webhooks with ordering off have no key.
 */
public final class OrderingKeys {

    private OrderingKeys() {
    }

    public static String of(Webhook webhook, Long callId) {
        if (!webhook.isOrdered() || callId == null) {
            return null;
        }
        return of(webhook.getAccount().getId(), webhook.getTargetUrl(), callId);
    }

    static String of(long accountRef, String targetUrl, long callId) {
        return accountRef + ":" + endpoint(targetUrl) + ":" + callId;
    }

    /** A short, stable name of the endpoint (scheme, host and path case as sent; the host case-folded). */
    static String endpoint(String targetUrl) {
        String normalized = targetUrl.strip();
        int hostStart = normalized.indexOf("://");
        if (hostStart > 0) {
            int hostEnd = normalized.indexOf('/', hostStart + 3);
            hostEnd = hostEnd < 0 ? normalized.length() : hostEnd;
            normalized = normalized.substring(0, hostEnd).toLowerCase(Locale.ROOT) + normalized.substring(hostEnd);
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
