package com.hcc.webhooks.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventsListenerTest {

    @Test
    void anIntakeThatFailsIsTriedAgainUntilTheEventIsStored() {
        // the adapter acknowledges the message whatever onMessage does: returning early would lose the event
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();
        new EventsListener().untilStored("e-1", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new IllegalStateException("Deadlock found when trying to get lock");
            }
        });
        assertEquals(4, calls.get());
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMs >= EventsListener.FIRST_PAUSE_MS * (1 + 2 + 4), "pauses grow between tries: " + waitedMs);
    }

    @Test
    void stopsTryingWhenTheServerStops() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Thread.currentThread().interrupt(); // as Payara does when it stops
        try {
            assertThrows(IllegalStateException.class, () -> new EventsListener().untilStored("e-2", () -> {
                calls.incrementAndGet();
                throw new IllegalStateException("database unreachable");
            }));
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, calls.get());
    }
}
