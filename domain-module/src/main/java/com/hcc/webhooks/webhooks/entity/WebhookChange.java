package com.hcc.webhooks.webhooks.entity;

import com.hcc.webhooks.events.entity.EventType;
import java.time.Instant;
import java.util.Objects;

/**
 * A webhook was disabled, started failing, or recovered: fired (a CDI event) in the transaction that changed it,
 * and turned into an operational notification to the account's webhooks that subscribe to {@code type}.
 *
 * @param reason        why it was disabled, in the account's words; null for failing and recovered
 * @param failingSince  since when every delivery failed; null when it recovered or was disabled by a user
 */
public record WebhookChange(Webhook webhook, EventType type, String reason, Instant failingSince, Instant at) {

    public WebhookChange {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(at, "at");
        if (type == null || !type.operational()) {
            throw new IllegalArgumentException("not an operational event: " + type);
        }
    }
}
