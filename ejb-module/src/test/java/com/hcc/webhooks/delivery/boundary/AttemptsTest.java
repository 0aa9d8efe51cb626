package com.hcc.webhooks.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.delivery.control.AttemptResult;
import com.hcc.webhooks.delivery.entity.ErrorClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Recording attempts together (group commit), and one by one when a batch cannot be written. */
class AttemptsTest {

    static final AttemptResult OK = AttemptResult.error(Instant.EPOCH, 1, ErrorClass.IO, "stand-in outcome");

    /** A store that records what it was given, as the database would, slowly, and fails when told to. */
    static class Store extends Records {
        final List<Long> recorded = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> transactions = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile boolean batchesFail;

        @Override
        public void record(List<Outcome> outcomes, java.util.function.LongPredicate keepingUp) {
            transactions.add(outcomes.size());
            if ((batchesFail && outcomes.size() > 1) || failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("deadlock victim");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            outcomes.forEach(o -> recorded.add(o.id()));
        }
    }

    static Attempts worker(Store store) {
        Attempts w = new Attempts();
        w.records = store;
        return w;
    }

    @Test
    void outcomesThatFinishTogetherAreRecordedInFewTransactionsAndEachExactlyOnce() throws Exception {
        Store store = new Store();
        Attempts worker = worker(store);
        ExecutorService workers = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (long id = 1; id <= 400; id++) {
            long delivery = id;
            done.add(workers.submit(() -> worker.record(delivery, null, null, OK)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        workers.shutdown();
        assertEquals(400, store.recorded.size());
        assertEquals(400, store.recorded.stream().distinct().count());
        assertTrue(store.transactions.size() < 200, "400 outcomes from 16 workers in " + store.transactions.size()
                + " transactions");
        assertTrue(store.transactions.stream().allMatch(n -> n <= Attempts.RECORD_BATCH));
    }

    @Test
    void aBatchThatCannotBeWrittenIsRecordedOneByOne() {
        Store store = new Store();
        store.batchesFail = true;
        worker(store).recordBatch(List.of(outcome(1), outcome(2), outcome(3)));
        assertEquals(List.of(1L, 2L, 3L), store.recorded);
        assertEquals(List.of(3, 1, 1, 1), store.transactions);
    }

    @Test
    void aPassingFailureIsTriedAgainAndAPersistentOneGivesUpAfterFiveTries() {
        Store store = new Store();
        store.failuresLeft.set(2);
        worker(store).recordBatch(List.of(outcome(7)));
        assertEquals(List.of(7L), store.recorded);
        assertEquals(3, store.transactions.size());

        Store broken = new Store();
        broken.failuresLeft.set(100);
        worker(broken).recordBatch(List.of(outcome(8), outcome(9)));
        assertEquals(List.of(), broken.recorded);
        assertEquals(1 + 2 * Attempts.RECORD_TRIES, broken.transactions.size());
    }

    /** A claims bean whose transaction fails as often as told (a deadlock victim), then finds nothing to do. */
    static class FailingClaims extends Claims {
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Claim claim(long id, long webhookId, String owner) {
            calls.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("Deadlock found when trying to get lock; try restarting transaction");
            }
            return new Nothing();
        }
    }

    static Attempts claiming(FailingClaims claims) {
        Attempts a = new Attempts();
        a.claims = claims;
        a.settings = new EngineSettings() {
            @Override
            public String instanceId() {
                return "test";
            }
        };
        return a;
    }

    @Test
    void aClaimWhoseTransactionFailsIsTriedAgainAtOnceNotLeftToItsDueTime() {
        FailingClaims claims = new FailingClaims();
        claims.failuresLeft.set(2);
        Attempts a = claiming(claims);
        a.attempt(new com.hcc.webhooks.delivery.boundary.DeliveriesDue.Due(5, 1));
        assertEquals(3, claims.calls.get(), "two deadlocks, then the claim");

        FailingClaims broken = new FailingClaims();
        broken.failuresLeft.set(100);
        claiming(broken).attempt(new com.hcc.webhooks.delivery.boundary.DeliveriesDue.Due(6, 1));
        assertEquals(Attempts.RECORD_TRIES, broken.calls.get(), "then given up: the poller finds it when it is due");
    }

    static Records.Outcome outcome(long id) {
        return new Records.Outcome(id, null, null, OK);
    }
}
