package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hcc.webhooks.delivery.control.OutcomePolicy.Decision;
import com.hcc.webhooks.delivery.control.OutcomePolicy.Next;
import com.hcc.webhooks.delivery.entity.ErrorClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each row of docs/delivery.md's outcome table ("What counts as delivered, and what is retried"). */
class OutcomePolicyTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    /** The default schedule without jitter: 8 attempts. */
    static final RetrySchedule SCHEDULE = new RetrySchedule(List.of(Duration.ZERO,
            Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10)), 0);

    static AttemptResult status(int status) {
        return AttemptResult.response(NOW, 5, status, Map.of(), "", Optional.empty());
    }

    static AttemptResult error(ErrorClass c) {
        return AttemptResult.error(NOW, 5, c, "stand-in");
    }

    @Test
    void a2xxSucceeds() {
        for (int s : List.of(200, 201, 202, 204, 299)) {
            assertEquals(new Decision(Next.SUCCEEDED, null), OutcomePolicy.decide(status(s), 1, NOW, SCHEDULE), "" + s);
        }
    }

    @Test
    void anyOtherStatusATimeoutARefusedConnectionDnsOrTlsIsRetriedOnTheSchedule() {
        for (AttemptResult r : List.of(status(500), status(503), status(404), status(401), status(302), status(199),
                error(ErrorClass.TIMEOUT), error(ErrorClass.CONNECTION), error(ErrorClass.DNS), error(ErrorClass.TLS),
                error(ErrorClass.IO))) {
            // the schedule's first wait (0 s) is the first attempt's own: after it, 5 s, 5 min, 30 min, ...
            assertEquals(new Decision(Next.RETRY, NOW.plusSeconds(5)), OutcomePolicy.decide(r, 1, NOW, SCHEDULE), "" + r);
            assertEquals(new Decision(Next.RETRY, NOW.plus(Duration.ofMinutes(5))), OutcomePolicy.decide(r, 2, NOW, SCHEDULE));
            assertEquals(new Decision(Next.RETRY, NOW.plus(Duration.ofMinutes(30))), OutcomePolicy.decide(r, 3, NOW, SCHEDULE));
            assertEquals(new Decision(Next.RETRY, NOW.plus(Duration.ofHours(10))), OutcomePolicy.decide(r, 7, NOW, SCHEDULE));
        }
    }

    @Test
    void afterTheLastAttemptItFails() {
        assertEquals(8, SCHEDULE.maxAttempts());
        assertEquals(new Decision(Next.FAILED, null), OutcomePolicy.decide(status(503), 8, NOW, SCHEDULE));
        assertEquals(new Decision(Next.FAILED, null), OutcomePolicy.decide(error(ErrorClass.TIMEOUT), 8, NOW, SCHEDULE));
    }

    @Test
    void retryAfterOn429Or503IsWaitedForClampedToOneSecondAndOneHour() {
        AttemptResult asked = AttemptResult.response(NOW, 5, 429, Map.of(), "", Optional.of(Duration.ofSeconds(42)));
        assertEquals(new Decision(Next.RETRY, NOW.plusSeconds(42)), OutcomePolicy.decide(asked, 1, NOW, SCHEDULE));
        AttemptResult tooLong = AttemptResult.response(NOW, 5, 503, Map.of(), "", Optional.of(Duration.ofDays(2)));
        assertEquals(new Decision(Next.RETRY, NOW.plus(Duration.ofHours(1))), OutcomePolicy.decide(tooLong, 3, NOW, SCHEDULE));
        AttemptResult zero = AttemptResult.response(NOW, 5, 503, Map.of(), "", Optional.of(Duration.ZERO));
        assertEquals(new Decision(Next.RETRY, NOW.plusSeconds(1)), OutcomePolicy.decide(zero, 1, NOW, SCHEDULE));
        assertEquals(new Decision(Next.FAILED, null), OutcomePolicy.decide(asked, 8, NOW, SCHEDULE), "none left");
    }

    @Test
    void goneFailsAtOnceAndSaysWhy() {
        assertEquals(new Decision(Next.GONE, null), OutcomePolicy.decide(status(410), 1, NOW, SCHEDULE));
        assertEquals("The endpoint answered 410 Gone at 2026-12-02 10:00:00 UTC: it asked us to stop sending.",
                OutcomePolicy.goneReason(NOW));
    }

    @Test
    void aRequestThatCannotBeBuiltOrAnAddressNotAllowedFailsAtOnce() {
        assertEquals(new Decision(Next.FAILED, null), OutcomePolicy.decide(error(ErrorClass.CONFIGURATION), 1, NOW, SCHEDULE));
        Decision blocked = OutcomePolicy.decide(error(ErrorClass.BLOCKED), 1, NOW, SCHEDULE);
        assertEquals(Next.FAILED, blocked.next());
        assertNull(blocked.retryAt());
    }
}
