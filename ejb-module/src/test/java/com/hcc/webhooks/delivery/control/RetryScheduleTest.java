package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void defaultScheduleHasEightAttempts() {
        RetrySchedule s = RetrySchedule.parse(RetrySchedule.DEFAULT);
        assertEquals(8, s.maxAttempts());
        // after the first failed attempt, the second is due in 5 s (+-10%)
        Duration wait = Duration.between(NOW, s.next(1, NOW, Optional.empty()).orElseThrow());
        assertTrue(wait.toMillis() >= 4500 && wait.toMillis() <= 5500, wait.toString());
        // after the 7th, the 8th in 10 h (+-10%)
        Duration last = Duration.between(NOW, s.next(7, NOW, Optional.empty()).orElseThrow());
        assertTrue(last.compareTo(Duration.ofHours(9)) >= 0 && last.compareTo(Duration.ofHours(11)) <= 0);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        RetrySchedule s = RetrySchedule.parse("0s,1s");
        assertTrue(s.next(1, NOW, Optional.empty()).isPresent());
        assertTrue(s.next(2, NOW, Optional.empty()).isEmpty());
    }

    @Test
    void retryAfterReplacesTheScheduleWithinBounds() {
        RetrySchedule s = RetrySchedule.parse("0s,5s,5m");
        assertEquals(NOW.plusSeconds(120), s.next(1, NOW, Optional.of(Duration.ofSeconds(120))).orElseThrow());
        assertEquals(NOW.plusSeconds(1), s.next(1, NOW, Optional.of(Duration.ZERO)).orElseThrow());
        assertEquals(NOW.plus(Duration.ofHours(1)), s.next(1, NOW, Optional.of(Duration.ofDays(3))).orElseThrow());
    }

    @Test
    void jitterSpreadsRetries() {
        RetrySchedule s = RetrySchedule.parse("0s,100s");
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> s.next(1, NOW, Optional.empty()).orElseThrow()).distinct().count();
        assertTrue(distinct > 1);
    }

    @Test
    void parsesUnitsAndRejectsNonsense() {
        assertEquals(Duration.ofMillis(250), RetrySchedule.parseDuration("250ms"));
        assertEquals(Duration.ofDays(1), RetrySchedule.parseDuration("1d"));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("5x"));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse(""));
    }
}
