package com.hcc.webhooks.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.delivery.boundary.DeliveriesDue.Due;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The workers' hand-over, with real threads and an attempt that stands in for the database. */
class WorkersTest {

    /** Attempts that count, and whose first attempt of delivery 2 waits until the test lets it end. */
    static class Counting extends Attempts {
        final AtomicInteger attemptsOf2 = new AtomicInteger();
        final CountDownLatch firstOf2Started = new CountDownLatch(1);
        final CountDownLatch endFirstOf2 = new CountDownLatch(1);
        final CountDownLatch secondOf2 = new CountDownLatch(1);

        @Override
        Instant attempt(Due due) {
            if (due.id() == 2 && attemptsOf2.incrementAndGet() == 1) {
                firstOf2Started.countDown();
                try {
                    endFirstOf2.await(10, TimeUnit.SECONDS); // its claim, which sees delivery 1 still open
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (due.id() == 2) {
                secondOf2.countDown();
            }
            return null; // the first deferred itself to the order's recheck, in the database
        }

        @Override
        void letGo(Due due) {
        }
    }

    Workers workers;

    Workers workers(Attempts attempts) {
        Workers w = new Workers();
        w.attempts = attempts;
        w.workers = 4;
        w.queue = 100;
        w.settings = new EngineSettings() {
            @Override
            public int maxConcurrentPerWebhook() {
                return 8;
            }

            @Override
            public Duration stopGrace() {
                return Duration.ofSeconds(1);
            }
        };
        w.threadFactory = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                return new Thread(r, "worker");
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        w.start();
        return w;
    }

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.drain();
        }
    }

    @Test
    void aWakeUpThatComesWhileTheDeliveryIsBeingClaimedIsActedOnWhenTheClaimEnds() throws Exception {
        Counting attempts = new Counting();
        workers = workers(attempts);
        workers.dispatch(List.of(new Due(2, 7)));
        assertTrue(attempts.firstOf2Started.await(5, TimeUnit.SECONDS));
        // delivery 1 of the same call is recorded now, and wakes 2 after its commit, while 2's claim is in hand
        workers.onDue(DeliveriesDue.of(7, List.of(2L)));
        attempts.endFirstOf2.countDown();
        assertTrue(attempts.secondOf2.await(5, TimeUnit.SECONDS),
                "the wake-up was dropped: delivery 2 would wait for the order's recheck, 30 s later");
        assertEquals(2, attempts.attemptsOf2.get());
    }

    @Test
    void thePollersFindsOfADeliveryHeldHereAreNotKeptForLater() throws Exception {
        Counting attempts = new Counting();
        workers = workers(attempts);
        workers.dispatch(List.of(new Due(2, 7)));
        assertTrue(attempts.firstOf2Started.await(5, TimeUnit.SECONDS));
        workers.dispatch(List.of(new Due(2, 7))); // the poller, a second later: it finds it again every second
        attempts.endFirstOf2.countDown();
        assertTrue(!attempts.secondOf2.await(500, TimeUnit.MILLISECONDS), "attempted again for nothing");
        assertEquals(1, attempts.attemptsOf2.get());
    }
}
