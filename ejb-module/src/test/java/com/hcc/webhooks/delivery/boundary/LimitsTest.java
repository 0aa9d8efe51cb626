package com.hcc.webhooks.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LimitsTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void aWebhookAtItsRateLimitIsTriedAgainWhenTheOldestRequestOfTheLastSecondLeavesTheWindow() {
        assertEquals(NOW.plusMillis(701), Limits.nextFreeSlot(NOW.minusMillis(300), NOW));
        assertEquals(NOW.plusMillis(20), Limits.nextFreeSlot(NOW.minusMillis(995), NOW), "not sooner than 20 ms");
        assertEquals(NOW.plusMillis(20), Limits.nextFreeSlot(null, NOW));
    }
}
