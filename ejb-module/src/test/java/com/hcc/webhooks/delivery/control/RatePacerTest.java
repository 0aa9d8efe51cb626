package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RatePacerTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void deliveriesHeldUpTogetherAreGivenSuccessiveSlots() {
        RatePacer pacer = new RatePacer();
        Instant free = NOW.plusMillis(10);
        assertEquals(free, pacer.slot(1, free, 50, NOW));
        assertEquals(free.plusMillis(20), pacer.slot(1, free, 50, NOW));
        assertEquals(free.plusMillis(40), pacer.slot(1, free, 50, NOW));
    }

    @Test
    void eachWebhookHasItsOwnSlots() {
        RatePacer pacer = new RatePacer();
        pacer.slot(1, NOW.plusMillis(10), 50, NOW);
        assertEquals(NOW.plusMillis(10), pacer.slot(2, NOW.plusMillis(10), 50, NOW));
    }

    @Test
    void slotsGivenOutInThePastOrBeforeTheFreeTimeDoNotDelay() {
        RatePacer pacer = new RatePacer();
        pacer.slot(1, NOW.plusMillis(10), 50, NOW);
        Instant later = NOW.plusSeconds(5);
        assertEquals(later.plusMillis(10), pacer.slot(1, later.plusMillis(10), 50, later));
        assertEquals(later.plusMillis(500), pacer.slot(1, later.plusMillis(500), 50, later), "free is later than the next slot");
    }
}
