package com.hcc.webhooks.logs.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Overview marks a failing webhook from its first failed attempt, not when the health check comes round. */
class WebhookHealthViewTest {

    static Overview.WebhookHealthView view(boolean enabled, Instant failingSince, long ok, long failed, long retrying) {
        return new Overview.WebhookHealthView(1, "call.created", "https://crm.example.com/hook", null, enabled, null,
                failingSince, ok + failed + retrying, ok, failed, retrying, null, null);
    }

    @Test
    void aWebhookWhoseDeliveriesAllWaitForARetryIsFailingAtOnce() {
        Overview.WebhookHealthView v = view(true, null, 0, 0, 3);
        assertTrue(v.needsAttention());
        assertEquals("Failing", v.status());
        assertEquals("No delivery succeeded in the last 24 hours: 0 failed, 3 waiting for a retry.", v.why());
    }

    @Test
    void oneSuccessAmongFailuresIsNotFailingYetButTheHealthCheckVerdictStands() {
        assertFalse(view(true, null, 1, 2, 3).needsAttention());
        assertEquals("Enabled", view(true, null, 1, 2, 3).status());
        Overview.WebhookHealthView since = view(true, Instant.parse("2026-12-01T08:26:42.776Z"), 1, 0, 0);
        assertEquals("Failing", since.status());
        assertEquals("Every attempt has failed since 2026-12-01 08:26:42 UTC.", since.why());
    }

    @Test
    void aDisabledWebhookSaysSoAndAnIdleOneIsFine() {
        assertEquals("Disabled", view(false, null, 5, 0, 0).status());
        assertFalse(view(true, null, 0, 0, 0).needsAttention(), "no deliveries yet is not failing");
    }
}
