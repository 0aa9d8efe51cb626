package com.hcc.webhooks.delivery.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When the next attempt of a failed delivery is due. The schedule lists the wait before each attempt
 * (the first is normally 0: immediately); after the last, the delivery has failed for good. Waits are
 * jittered by up to +-10% so that retries of many deliveries that failed together spread out, and a
 * receiver's {@code Retry-After} replaces the scheduled wait, clamped to a sane window.
 */
public final class RetrySchedule {

    public static final String DEFAULT = "0s,5s,5m,30m,2h,5h,10h,10h";
    static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final List<Duration> waits;
    private final double jitter;

    public RetrySchedule(List<Duration> waits, double jitter) {
        if (waits.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one attempt");
        }
        this.waits = List.copyOf(waits);
        this.jitter = jitter;
    }

    /** Parses {@code 0s,5s,5m,30m,2h} (units ms, s, m, h, d). */
    public static RetrySchedule parse(String spec) {
        List<Duration> waits = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim().toLowerCase();
            if (p.isEmpty()) {
                continue;
            }
            waits.add(parseDuration(p));
        }
        return new RetrySchedule(waits, 0.1);
    }

    /** Parses one duration: 500ms, 5s, 5m, 2h, 1d. */
    public static Duration parseDuration(String p) {
        try {
            if (p.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(p.substring(0, p.length() - 2)));
            }
            long n = Long.parseLong(p.substring(0, p.length() - 1));
            return switch (p.charAt(p.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("unknown unit in '" + p + "'");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a duration: '" + p + "' (use e.g. 500ms, 5s, 5m, 2h, 1d)");
        }
    }

    /** How many attempts a delivery gets in all. */
    public int maxAttempts() {
        return waits.size();
    }

    /**
     * @param attemptsMade attempts made so far, the failed one included
     * @param retryAfter   the receiver's Retry-After, if it sent one with 429/503
     * @return when to try again, or empty when the delivery has failed for good
     */
    public Optional<Instant> next(int attemptsMade, Instant now, Optional<Duration> retryAfter) {
        if (attemptsMade >= waits.size()) {
            return Optional.empty();
        }
        Duration wait = retryAfter.map(RetrySchedule::clamp).orElseGet(() -> jittered(waits.get(attemptsMade)));
        return Optional.of(now.plus(wait));
    }

    private Duration jittered(Duration wait) {
        if (wait.isZero() || jitter == 0) {
            return wait;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }

    static Duration clamp(Duration d) {
        if (d.compareTo(MIN_RETRY_AFTER) < 0) {
            return MIN_RETRY_AFTER;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }
}
