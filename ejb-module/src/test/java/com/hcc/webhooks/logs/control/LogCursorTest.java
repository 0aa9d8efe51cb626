package com.hcc.webhooks.logs.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogCursorTest {

    private static final Instant T = Instant.parse("2026-11-27T10:15:30.123Z");

    @Test
    void roundTrips() {
        LogCursor c = new LogCursor(T, LogCursor.REJECTED, 42);
        assertEquals(c, LogCursor.decode(c.encode()));
    }

    @Test
    void refusesTokensItDidNotMake() {
        assertThrows(IllegalArgumentException.class, () -> LogCursor.decode("bm9wZQ"));
        assertThrows(IllegalArgumentException.class, () -> LogCursor.decode("%%%"));
        assertThrows(IllegalArgumentException.class, () -> LogCursor.decode(
                new LogCursor(T, 7, 1).encode()));
    }

    @Test
    void newestFirstSameSourceContinuesBelowTheId() {
        LogCursor c = new LogCursor(T, LogCursor.DELIVERY, 9);
        assertEquals("(t < ? OR (t = ? AND id < ?))", c.after(LogCursor.DELIVERY, false, "t", "id"));
        assertArrayEquals(new Object[] {T, T, 9L}, c.params(LogCursor.DELIVERY));
    }

    @Test
    void newestFirstTheOtherSourceAtTheSameTimeFollowsOnlyWhenItSortsLower() {
        // order (time, source, id) descending: at one time, rejected (1) rows come before deliveries (0)
        assertEquals("t < ?", new LogCursor(T, LogCursor.DELIVERY, 9).after(LogCursor.REJECTED, false, "t", "id"));
        assertEquals("t <= ?", new LogCursor(T, LogCursor.REJECTED, 9).after(LogCursor.DELIVERY, false, "t", "id"));
        assertArrayEquals(new Object[] {T}, new LogCursor(T, LogCursor.REJECTED, 9).params(LogCursor.DELIVERY));
    }

    @Test
    void oldestFirstMirrors() {
        assertEquals("(t > ? OR (t = ? AND id > ?))", new LogCursor(T, 1, 9).after(1, true, "t", "id"));
        assertEquals("t >= ?", new LogCursor(T, LogCursor.DELIVERY, 9).after(LogCursor.REJECTED, true, "t", "id"));
        assertEquals("t > ?", new LogCursor(T, LogCursor.REJECTED, 9).after(LogCursor.DELIVERY, true, "t", "id"));
    }
}
