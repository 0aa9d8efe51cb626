package com.hcc.webhooks.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticesTest {

    static final Instant AT = Instant.parse("2026-12-02T10:00:00.123456789Z");

    @Test
    void aNotificationSaysWhichWebhookOfWhichAccountWhatHappenedWhyAndSinceWhen() {
        JsonObject n = Jsons.createReader(Notices.payload(EventType.WEBHOOK_DISABLED, "12345678", 7L,
                EventType.CALL_SAVED, "https://crm.example.com/hooks", "The endpoint answered 410 Gone.",
                Instant.parse("2026-12-01T08:26:42.776Z"), AT)).readObject();
        assertEquals(List.of("type", "account_id", "webhook_id", "webhook_event", "target_url", "reason",
                "failing_since", "at"), List.copyOf(n.keySet()));
        assertEquals("webhook.disabled", n.getString("type"));
        assertEquals("12345678", n.getString("account_id"), "a string, as in the HCC's payloads");
        assertEquals(7, n.getJsonNumber("webhook_id").longValue());
        assertEquals("call.saved", n.getString("webhook_event"));
        assertEquals("https://crm.example.com/hooks", n.getString("target_url"));
        assertEquals("The endpoint answered 410 Gone.", n.getString("reason"));
        assertEquals("2026-12-01T08:26:42Z", n.getString("failing_since"), "to the second");
        assertEquals("2026-12-02T10:00:00Z", n.getString("at"));
    }

    @Test
    void whatDoesNotApplyIsNullNotLeftOut() {
        JsonObject n = Jsons.createReader(Notices.payload(EventType.WEBHOOK_RECOVERED, "12345678", 7L,
                EventType.CALL_CREATED, "https://crm.example.com/hooks", null, null, AT)).readObject();
        assertEquals(JsonValue.NULL, n.get("reason"));
        assertEquals(JsonValue.NULL, n.get("failing_since"));
        assertEquals("webhook.recovered", n.getString("type"));
    }

    @Test
    void sendTestOfANotificationWebhookSendsASampleOfItsOwnType() {
        for (EventType t : List.of(EventType.WEBHOOK_DISABLED, EventType.WEBHOOK_FAILING, EventType.WEBHOOK_RECOVERED)) {
            JsonObject sample = Jsons.createReader(SeedSamples.json(t)).readObject();
            assertEquals(t.wireName(), sample.getString("type"));
            assertEquals(t == EventType.WEBHOOK_DISABLED, sample.get("reason") != JsonValue.NULL, t.toString());
            assertEquals(t != EventType.WEBHOOK_RECOVERED, sample.get("failing_since") != JsonValue.NULL, t.toString());
        }
    }
}
