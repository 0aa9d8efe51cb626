package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.delivery.control.CallOrder.Go;
import com.hcc.webhooks.delivery.control.CallOrder.Row;
import com.hcc.webhooks.delivery.control.CallOrder.Wait;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.events.entity.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallOrderTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(5);
    static final List<EventType> ALL_THREE = List.of(EventType.CALL_CREATED, EventType.CALL_ENDED, EventType.CALL_SAVED);

    static long pos(EventType type, long millisAfterNow) {
        return CallOrder.position(type, NOW.plusMillis(millisAfterNow));
    }

    static Row row(long id, EventType type, DeliveryStatus status) {
        return new Row(id, pos(type, 0), status, status.isTerminal() ? null : NOW, status == DeliveryStatus.SUCCEEDED);
    }

    @Test
    void theLifeCycleComesBeforeThePublishTimeAndTheIdLast() {
        // Call Saved published (and stored) before Call Created still comes after it
        assertTrue(pos(EventType.CALL_SAVED, -60_000) > pos(EventType.CALL_ENDED, 60_000));
        assertTrue(pos(EventType.CALL_ENDED, -60_000) > pos(EventType.CALL_CREATED, 60_000));
        assertTrue(pos(EventType.CALL_SAVED, 1) > pos(EventType.CALL_SAVED, 0), "two of one stage: by publish time");
        Row a = new Row(9, pos(EventType.CALL_SAVED, 0), DeliveryStatus.PENDING, NOW, false);
        Row b = new Row(3, pos(EventType.CALL_SAVED, 0), DeliveryStatus.PENDING, NOW, false);
        assertTrue(b.before(a), "same stage, same millisecond: by id");
        Row legacy = new Row(50, null, DeliveryStatus.PENDING, NOW, false);
        assertTrue(legacy.before(b), "rows stored before positions existed come first");
        assertEquals(2, CallOrder.rankOf(pos(EventType.CALL_ENDED, 0)));
        assertEquals(0, CallOrder.rank(EventType.LEAD_REG_F_BLOCKED));
    }

    @Test
    void aDeliveryWaitsForTheEarlierStagesItsEndpointIsSubscribedTo() {
        assertEquals(0b110, CallOrder.expected(EventType.CALL_SAVED, ALL_THREE));
        assertEquals(0b010, CallOrder.expected(EventType.CALL_ENDED, ALL_THREE));
        assertEquals(0, CallOrder.expected(EventType.CALL_CREATED, ALL_THREE));
        // an endpoint that takes only Call Ended and Call Saved never waits for a Call Created it will not get
        assertEquals(0b100, CallOrder.expected(EventType.CALL_SAVED, List.of(EventType.CALL_ENDED, EventType.CALL_SAVED)));
        assertEquals(0, CallOrder.expected(EventType.CALL_ENDED, List.of(EventType.CALL_ENDED, EventType.CALL_SAVED)));
        assertEquals(0, CallOrder.expected(EventType.CALL_SAVED, List.of(EventType.LEAD_REG_F_BLOCKED)));
    }

    @Test
    void anEarlierDeliveryThatIsNotDoneHoldsALaterOneUntilItsNextAttemptAndAPause() {
        Row created = new Row(2, pos(EventType.CALL_CREATED, 0), DeliveryStatus.RETRYING, NOW.plusSeconds(60), true);
        Row ended = new Row(1, pos(EventType.CALL_ENDED, 0), DeliveryStatus.PENDING, NOW, false);
        Wait w = assertInstanceOf(Wait.class, CallOrder.decide(ended, 0b010, NOW, List.of(created, ended), NOW, WAIT));
        assertEquals(NOW.plusSeconds(60).plus(CallOrder.RECHECK), w.until());
        Row sending = new Row(2, pos(EventType.CALL_CREATED, 0), DeliveryStatus.PENDING, null, false);
        assertEquals(NOW.plus(CallOrder.RECHECK), assertInstanceOf(Wait.class,
                CallOrder.decide(ended, 0b010, NOW, List.of(sending, ended), NOW, WAIT)).until());
    }

    @Test
    void anEarlierDeliveryThatIsDoneLetsTheNextGo() {
        for (DeliveryStatus done : List.of(DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED)) {
            Row created = row(2, EventType.CALL_CREATED, done);
            Row ended = row(1, EventType.CALL_ENDED, DeliveryStatus.PENDING);
            Go go = assertInstanceOf(Go.class, CallOrder.decide(ended, 0b010, NOW, List.of(created, ended), NOW, WAIT));
            assertNull(go.note());
        }
    }

    @Test
    void aMissingEarlierStageHoldsTheDeliveryForTheOrderWaitThenItGoesWithANote() {
        Row saved = row(1, EventType.CALL_SAVED, DeliveryStatus.PENDING);
        Row created = row(2, EventType.CALL_CREATED, DeliveryStatus.SUCCEEDED);
        Instant stored = NOW.minusSeconds(1);
        Wait w = assertInstanceOf(Wait.class, CallOrder.decide(saved, 0b110, stored, List.of(saved, created), NOW, WAIT));
        assertEquals(stored.plus(WAIT), w.until());
        assertTrue(w.why().contains("Call Ended"), w.why());
        Go go = assertInstanceOf(Go.class,
                CallOrder.decide(saved, 0b110, stored, List.of(saved, created), stored.plus(WAIT), WAIT));
        assertEquals("Sent without Call Ended of this call, which had not arrived within 5000 ms.", go.note());
        Go none = assertInstanceOf(Go.class, CallOrder.decide(saved, 0b110, stored, List.of(saved), stored.plus(WAIT), WAIT));
        assertTrue(none.note().contains("Call Created and Call Ended"), none.note());
    }

    @Test
    void aStageThatArrivesAfterALaterOneWasSentGoesAtOnceWithANote() {
        Row ended = row(1, EventType.CALL_ENDED, DeliveryStatus.SUCCEEDED);
        Row created = row(2, EventType.CALL_CREATED, DeliveryStatus.PENDING);
        Go go = assertInstanceOf(Go.class, CallOrder.decide(created, 0, NOW, List.of(ended, created), NOW, WAIT));
        assertEquals("Arrived after Call Ended of this call had been sent: sent late, out of order.", go.note());
        Row waiting = row(1, EventType.CALL_ENDED, DeliveryStatus.PENDING);
        assertNull(assertInstanceOf(Go.class, CallOrder.decide(created, 0, NOW, List.of(waiting, created), NOW, WAIT)).note(),
                "a later one that has not gone yet is no reason for a note");
    }

    @Test
    void whenOneIsDoneTheNextOpenOneInOrderIsWokenNotTheNextStored() {
        Row created = row(3, EventType.CALL_CREATED, DeliveryStatus.SUCCEEDED);
        Row saved = row(1, EventType.CALL_SAVED, DeliveryStatus.PENDING);
        Row ended = row(2, EventType.CALL_ENDED, DeliveryStatus.PENDING);
        assertEquals(2, CallOrder.next(created, List.of(saved, ended, created)).orElseThrow().id());
        assertEquals(1, CallOrder.next(row(2, EventType.CALL_ENDED, DeliveryStatus.SUCCEEDED),
                List.of(saved, created)).orElseThrow().id());
        assertTrue(CallOrder.next(row(1, EventType.CALL_SAVED, DeliveryStatus.SUCCEEDED), List.of(created)).isEmpty());
    }

    /**
     * The property that matters: whatever order a call's three events are stored in, a delivery is let go only
     * when every earlier stage has been sent, so the endpoint sees Created, Ended, Saved. Every permutation, each
     * replayed as a small engine: store one at a time, let go what may go, finish it, wake the next.
     */
    @Test
    void inEveryArrivalOrderTheEndpointGetsTheLifeCycleOrder() {
        List<List<Integer>> permutations = new ArrayList<>();
        permute(new ArrayList<>(List.of(0, 1, 2)), 0, permutations);
        Random random = new Random(7);
        for (List<Integer> arrival : permutations) {
            for (int trial = 0; trial < 20; trial++) {
                List<EventType> sent = replay(arrival, random);
                assertEquals(ALL_THREE, sent, "arrival order " + arrival);
            }
        }
    }

    private static List<EventType> replay(List<Integer> arrival, Random random) {
        List<Row> rows = new ArrayList<>();
        List<EventType> sent = new ArrayList<>();
        List<Row> pending = new ArrayList<>();
        long id = 0;
        for (int k : arrival) {
            EventType type = ALL_THREE.get(k);
            Row r = new Row(++id, pos(type, random.nextInt(3)), DeliveryStatus.PENDING, NOW, false);
            rows.add(r);
            pending.add(r);
            // whatever is pending may be looked at in any order (wake-ups, the poller)
            Collections.shuffle(pending, random);
            boolean progress = true;
            while (progress) {
                progress = false;
                for (Row p : new ArrayList<>(pending)) {
                    EventType t = ALL_THREE.get(CallOrder.rankOf(p.position()) - 1);
                    if (CallOrder.decide(p, CallOrder.expected(t, ALL_THREE), NOW, rows, NOW, WAIT) instanceof Go) {
                        sent.add(t);
                        pending.remove(p);
                        rows.set(rows.indexOf(p), new Row(p.id(), p.position(), DeliveryStatus.SUCCEEDED, null, true));
                        progress = true;
                    }
                }
            }
        }
        return sent;
    }

    private static void permute(List<Integer> items, int k, List<List<Integer>> out) {
        if (k == items.size()) {
            out.add(List.copyOf(items));
            return;
        }
        for (int i = k; i < items.size(); i++) {
            Collections.swap(items, k, i);
            permute(items, k + 1, out);
            Collections.swap(items, k, i);
        }
    }
}
