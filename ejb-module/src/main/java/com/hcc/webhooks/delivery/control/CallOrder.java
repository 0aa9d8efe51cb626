package com.hcc.webhooks.delivery.control;

import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.events.entity.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The order of one call's deliveries to one endpoint (docs/delivery.md, "Ordered per call"), decided from the
 * rows that share an ordering key, never from the order in which intakes happened to commit.
 * <p>
 * A delivery's place is its <b>position</b>: first the event's rank in the call's life cycle (Call Created 1,
 * Call Ended 2, Call Saved 3), then the time its producer published it (the JMS timestamp; for REST, when it
 * was received), then its id. Written as one number, {@code rank * 10^13 + epoch milliseconds}, so the rank is
 * the first digit and the rest reads as a time. A delivery goes only when every delivery before it in that
 * order is done; and when the endpoint also subscribes an earlier stage of the call that has not arrived yet
 * (Call Ended is here, Call Created is not), it is held until that one arrives or until the order wait runs out.
 * What could not be kept is said in a note on the delivery.
 */
public final class CallOrder {

    /** The multiplier of the rank in a position: above every epoch millisecond before the year 2286. */
    static final long RANK_SCALE = 10_000_000_000_000L;
    /** How long after an earlier delivery's next attempt a delivery waiting for it looks again (a safety net). */
    public static final Duration RECHECK = Duration.ofSeconds(30);

    private CallOrder() {
    }

    /** The stage of a call an event stands for; 0 for events outside a call's life cycle. */
    public static int rank(EventType type) {
        return switch (type) {
            case CALL_CREATED -> 1;
            case CALL_ENDED -> 2;
            case CALL_SAVED -> 3;
            default -> 0;
        };
    }

    public static long position(EventType type, Instant publishedAt) {
        return rank(type) * RANK_SCALE + Math.max(0, publishedAt.toEpochMilli());
    }

    static int rankOf(Long position) {
        return position == null ? 0 : (int) (position / RANK_SCALE);
    }

    /**
     * The earlier stages a delivery of {@code type} waits for at its endpoint: the ranks below its own among the
     * event types that the same endpoint is subscribed to (by ordered webhooks), as a bit set (bit r = rank r).
     */
    public static int expected(EventType type, Collection<EventType> subscribedAtEndpoint) {
        int own = rank(type);
        int bits = 0;
        for (EventType t : subscribedAtEndpoint) {
            int r = rank(t);
            if (r > 0 && r < own) {
                bits |= 1 << r;
            }
        }
        return bits;
    }

    /**
     * A delivery of the order as the decision needs it. {@code position} is null for rows stored before positions
     * existed (they are older than any row that has one); {@code started} when it was sent or is being sent.
     */
    public record Row(long id, Long position, DeliveryStatus status, Instant nextAttemptAt, boolean started) {

        boolean open() {
            return !status.isTerminal();
        }

        boolean before(Row other) {
            return ORDER.compare(this, other) < 0;
        }
    }

    static final Comparator<Row> ORDER = Comparator
            .comparing(Row::position, Comparator.nullsFirst(Comparator.<Long>naturalOrder()))
            .thenComparingLong(Row::id);

    /** What a delivery may do now. */
    public sealed interface Verdict permits Go, Wait {
    }

    /** It may be sent; {@code note} (or null) says what of the call's order could not be kept. */
    public record Go(String note) implements Verdict {
    }

    /**
     * It waits: for an earlier delivery (which wakes it when done) or for a stage of the call that has not
     * arrived; {@code until} is when the poller looks at it again.
     */
    public record Wait(Instant until, String why) implements Verdict {
    }

    /**
     * @param self       the delivery, as a row
     * @param expected   the earlier stages it waits for ({@link #expected})
     * @param storedAt   when it was stored: the order wait runs from then
     * @param rows       every delivery of its ordering key (it may be among them)
     * @param orderWait  how long it is held for a stage that has not arrived
     */
    public static Verdict decide(Row self, int expected, Instant storedAt, Collection<Row> rows, Instant now,
                                 Duration orderWait) {
        Instant earlierDue = null;
        boolean earlierOpen = false;
        int present = 0;
        List<Row> laterStarted = new ArrayList<>();
        for (Row r : rows) {
            if (r.id() == self.id()) {
                continue;
            }
            if (r.before(self)) {
                present |= 1 << rankOf(r.position());
                if (r.open()) {
                    earlierOpen = true;
                    Instant due = r.nextAttemptAt() == null || r.nextAttemptAt().isBefore(now) ? now : r.nextAttemptAt();
                    earlierDue = earlierDue == null || due.isAfter(earlierDue) ? due : earlierDue;
                }
            } else if (r.started()) {
                laterStarted.add(r);
            }
        }
        if (earlierOpen) {
            return new Wait(earlierDue.plus(RECHECK), "an earlier delivery of its call is not done");
        }
        int missing = expected & ~present;
        Instant holdEnds = storedAt.plus(orderWait);
        if (missing != 0 && now.isBefore(holdEnds)) {
            return new Wait(holdEnds, "waits for " + stages(missing) + " of its call");
        }
        if (missing != 0) {
            return new Go("Sent without " + stages(missing) + " of this call, which had not arrived within "
                    + orderWait.toMillis() + " ms.");
        }
        if (!laterStarted.isEmpty()) {
            int later = 0;
            for (Row r : laterStarted) {
                later |= 1 << rankOf(r.position());
            }
            return new Go("Arrived after " + stages(later) + " of this call had been sent: sent late, out of order.");
        }
        return new Go(null);
    }

    /** The next open delivery after {@code done} in the order, to wake when {@code done} has finished. */
    public static Optional<Row> next(Row done, Collection<Row> rows) {
        return rows.stream().filter(r -> r.id() != done.id() && r.open() && done.before(r)).min(ORDER);
    }

    /** "Call Created and Call Ended", from a bit set of ranks. */
    static String stages(int ranks) {
        List<String> names = new ArrayList<>();
        for (EventType t : EventType.values()) {
            int r = rank(t);
            if (r > 0 && (ranks & (1 << r)) != 0) {
                names.add(t.label());
            }
        }
        if (names.isEmpty()) {
            return "another event";
        }
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
