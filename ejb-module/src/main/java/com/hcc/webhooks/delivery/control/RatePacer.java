package com.hcc.webhooks.delivery.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spreads the next tries of deliveries held up by a webhook's requests-per-second limit over the coming slots,
 * one slot apart, instead of sending them all back at the moment the first slot frees (where one would win and
 * the others spend a claim transaction each to be held up again). Per instance; the claim's count under the
 * webhook's lock still decides, so instances that pick the same slot only cost a retry.
 */
public final class RatePacer {

    private final Map<Long, Instant> lastGiven = new ConcurrentHashMap<>();

    /**
     * @param free when the limit allows the next request (the oldest request of the last second leaves the window)
     * @return when this held-up delivery should be tried: {@code free}, or one slot after the last time given out
     * for this webhook if that is later
     */
    public Instant slot(long webhookId, Instant free, int perSecond, Instant now) {
        Duration gap = Duration.ofNanos(1_000_000_000L / Math.max(1, perSecond));
        return lastGiven.compute(webhookId, (id, last) ->
                last == null || last.isBefore(now) || !last.plus(gap).isAfter(free) ? free : last.plus(gap));
    }
}
