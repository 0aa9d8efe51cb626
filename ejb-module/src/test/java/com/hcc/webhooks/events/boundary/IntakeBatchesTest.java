package com.hcc.webhooks.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.events.boundary.Intake.Incoming;
import com.hcc.webhooks.events.boundary.Intake.Receipt;
import com.hcc.webhooks.events.entity.EventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The JMS intake's group commit: events that arrive together share a transaction, each caller waits for its own. */
class IntakeBatchesTest {

    /** An intake that stores what it is given, as the database would, slowly, and fails batches when told to. */
    static class Store extends Intake {
        final Set<String> committed = ConcurrentHashMap.newKeySet();
        final List<Integer> transactions = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger alone = new AtomicInteger();
        volatile boolean batchesFail;
        volatile boolean everythingFails;
        volatile java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(0);
        final java.util.concurrent.Semaphore inside = new java.util.concurrent.Semaphore(0);

        @Override
        public List<Receipt> receiveAll(List<Incoming> batch) {
            transactions.add(batch.size());
            inside.release();
            try {
                hold.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            pause();
            if (everythingFails || batchesFail && batch.size() > 1) {
                throw new IllegalStateException("deadlock victim");
            }
            List<Receipt> receipts = new ArrayList<>();
            for (Incoming in : batch) {
                committed.add(in.eventId());
                receipts.add(receipt(in));
            }
            return receipts;
        }

        @Override
        public Receipt receive(EventSource source, String eventName, String body, String eventId, String accountId,
                               Instant publishedAt) {
            alone.incrementAndGet();
            transactions.add(1);
            pause();
            if (everythingFails) {
                throw new IllegalStateException("database down");
            }
            committed.add(eventId);
            return new Receipt(Long.parseLong(eventId), true, false, 1, null);
        }

        static Receipt receipt(Incoming in) {
            return new Receipt(Long.parseLong(in.eventId()), true, false, 1, null);
        }

        private static void pause() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static IntakeBatches batches(Store store) {
        IntakeBatches b = new IntakeBatches();
        b.intake = store;
        return b;
    }

    static Incoming event(long n) {
        return new Incoming(EventSource.JMS, "call.created", "{}", Long.toString(n), "1001", null);
    }

    /** Each caller returns only once its own event is committed, and gets its own receipt. */
    static List<Future<?>> submitAll(IntakeBatches batches, Store store, int events, ExecutorService sessions) {
        List<Future<?>> done = new ArrayList<>();
        for (long n = 1; n <= events; n++) {
            long id = n;
            done.add(sessions.submit(() -> {
                Receipt r = batches.receive(event(id));
                assertEquals(id, r.eventId(), "a caller got another event's receipt");
                assertTrue(store.committed.contains(Long.toString(id)), "returned before its event was committed");
            }));
        }
        return done;
    }

    @Test
    void eventsThatArriveTogetherShareTransactionsAndEachCallerWaitsForItsOwn() throws Exception {
        Store store = new Store();
        ExecutorService sessions = Executors.newFixedThreadPool(8);
        for (Future<?> f : submitAll(batches(store), store, 400, sessions)) {
            f.get();
        }
        sessions.shutdown();
        assertEquals(400, store.committed.size());
        assertEquals(400, store.transactions.stream().mapToInt(Integer::intValue).sum(), "an event stored twice");
        assertTrue(store.transactions.size() < 200, "400 events from 8 sessions in " + store.transactions.size()
                + " transactions");
        assertTrue(store.transactions.stream().allMatch(n -> n <= IntakeBatches.BATCH));
    }

    @Test
    void aLoneEventGoesAtOnceInATransactionOfItsOwn() {
        Store store = new Store();
        Receipt r = batches(store).receive(event(7));
        assertEquals(7, r.eventId());
        assertEquals(List.of(1), store.transactions);
        assertEquals(0, store.alone.get());
    }

    @Test
    void whenABatchFailsEachOfItsEventsIsStoredAloneByItsOwnCaller() throws Exception {
        Store store = new Store();
        store.batchesFail = true;
        ExecutorService sessions = Executors.newFixedThreadPool(8);
        for (Future<?> f : submitAll(batches(store), store, 200, sessions)) {
            f.get();
        }
        sessions.shutdown();
        assertEquals(200, store.committed.size());
        assertTrue(store.alone.get() > 0, "no batch failed: the test did not make any");
        assertTrue(store.transactions.stream().anyMatch(n -> n > 1), "no batch was tried");
    }

    @Test
    void whenTheEventCannotBeStoredAloneEitherTheCallerIsToldAndTheMessageIsNotAcknowledged() {
        Store store = new Store();
        store.everythingFails = true;
        assertThrows(IllegalStateException.class, () -> batches(store).receive(event(9)));
        assertTrue(store.committed.isEmpty());
    }

    @Test
    void aSessionStoppedWhileItsEventWaitsTakesItBackAndNothingIsStored() throws Exception {
        Store store = new Store();
        store.hold = new java.util.concurrent.CountDownLatch(1);
        IntakeBatches batches = batches(store);
        ExecutorService sessions = Executors.newFixedThreadPool(IntakeBatches.WRITERS);
        List<Future<?>> busy = new java.util.ArrayList<>();
        Set<String> stored = new java.util.HashSet<>();
        for (int w = 1; w <= IntakeBatches.WRITERS; w++) { // every writer in a transaction that does not end yet
            int id = w;
            busy.add(sessions.submit(() -> batches.receive(event(id))));
            stored.add(Integer.toString(id));
            assertTrue(store.inside.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS), "writer " + w + " busy");
        }
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread stopped = new Thread(() -> {
            try {
                batches.receive(event(100));
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        stopped.start();
        Thread.sleep(200); // queued, waiting for a writer
        stopped.interrupt();
        stopped.join(5000);
        store.hold.countDown();
        for (Future<?> f : busy) {
            f.get();
        }
        batches.receive(event(101)); // a later transaction does not store it behind the stopped session's back
        stored.add("101");
        sessions.shutdown();
        assertTrue(thrown.get() instanceof IllegalStateException, "the stopped session was told: " + thrown.get());
        assertEquals(stored, store.committed, "the taken-back event was not stored by anyone");
    }
}
