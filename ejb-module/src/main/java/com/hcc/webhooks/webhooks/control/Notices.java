package com.hcc.webhooks.webhooks.control;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.Jsons;
import com.hcc.webhooks.webhooks.entity.Webhook;
import com.hcc.webhooks.webhooks.entity.WebhookChange;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The payload of an operational notification (docs/notifications.md): which webhook of which account, what
 * happened, why, since when. Field names in the style of the HCC's payloads (snake case); times ISO-8601 UTC to the
 * second; absent values are null, never left out.
 */
public final class Notices {

    private Notices() {
    }

    public static String payload(WebhookChange c) {
        Webhook w = c.webhook();
        return payload(c.type(), w.getAccount().getAccountId(), w.getId(), w.getEvent(), w.getTargetUrl(), c.reason(),
                c.failingSince(), c.at());
    }

    /** What "Send test" sends to a webhook of an operational event: a notification about a webhook that is not. */
    public static String sample(EventType type) {
        Instant at = Instant.parse("2026-12-01T08:31:00Z");
        Instant since = type == EventType.WEBHOOK_RECOVERED ? null : Instant.parse("2026-12-01T08:26:42Z");
        String reason = type == EventType.WEBHOOK_DISABLED
                ? "The endpoint answered 410 Gone at 2026-12-01 08:31:00 UTC: disabled automatically." : null;
        return payload(type, "12345678", 7L, EventType.CALL_CREATED, "https://crm.example.com/hooks/calls", reason,
                since, at);
    }

    static String payload(EventType type, String accountId, Long webhookId, EventType webhookEvent, String targetUrl,
                          String reason, Instant failingSince, Instant at) {
        JsonObjectBuilder b = Jsons.createObjectBuilder()
                .add("type", type.wireName())
                .add("account_id", accountId);
        if (webhookId == null) {
            b.addNull("webhook_id");
        } else {
            b.add("webhook_id", webhookId);
        }
        b.add("webhook_event", webhookEvent.wireName()).add("target_url", targetUrl);
        nullable(b, "reason", reason);
        nullable(b, "failing_since", failingSince == null ? null : failingSince.truncatedTo(ChronoUnit.SECONDS).toString());
        b.add("at", at.truncatedTo(ChronoUnit.SECONDS).toString());
        return b.build().toString();
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }
}
