package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.events.boundary.Intake.Incoming;
import com.hcc.webhooks.events.boundary.Intake.Receipt;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit of the JMS intake: the events that the listener's sessions hold at the same moment are stored in
 * one transaction ({@link Intake#receiveAll}) instead of one each. Each session's thread hands its event over and
 * waits until the transaction that holds it has committed, so a message is acknowledged only after its event is
 * stored, exactly as before (docs/delivery.md, "Never lost"). At most {@link #WRITERS} transactions at a time;
 * at low load each event goes alone at once, under load several share one commit. A batch whose transaction
 * fails is not tried again as a batch: each of its events is taken alone by its own thread, as it always was.
 */
@ApplicationScoped
public class IntakeBatches {

    private static final Logger LOG = Logger.getLogger(IntakeBatches.class.getName());
    /** Most events in one transaction: the listener has 16 sessions (EventsListener's maxSessions). */
    static final int BATCH = 32;
    /** One: the events that arrive while it writes go in the next transaction together (docs/performance.md). */
    static final int WRITERS = 1;

    @EJB
    Intake intake;

    private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
    private final Semaphore writers = new Semaphore(WRITERS);
    private final Object done = new Object();

    /** An event waiting for a transaction, and what came of it. */
    private static final class Pending {
        final Incoming incoming;
        volatile Receipt receipt;
        volatile boolean batchFailed;
        volatile boolean finished;

        Pending(Incoming incoming) {
            this.incoming = incoming;
        }
    }

    /**
     * Stores the event (with others that arrive meanwhile) and returns when it is committed.
     *
     * @throws RuntimeException when it could not be stored alone: the listener tries again
     */
    public Receipt receive(Incoming incoming) {
        Pending mine = new Pending(incoming);
        queued.add(mine);
        boolean interrupted = false;
        try {
            while (!mine.finished) {
                boolean wrote = false;
                if (writers.tryAcquire()) {
                    try {
                        wrote = writeQueued();
                    } finally {
                        writers.release();
                    }
                }
                synchronized (done) {
                    if (wrote) {
                        done.notifyAll();
                    } else if (!mine.finished && (queued.isEmpty() || writers.availablePermits() == 0)) {
                        // another writer has it, or has the slot: wait for that commit (the 20 ms only in case a
                        // wake-up is missed)
                        try {
                            done.wait(20);
                        } catch (InterruptedException stopping) {
                            interrupted = true;
                            if (queued.remove(mine)) {
                                // not taken by any transaction: nothing stored, the message stays the broker's
                                throw new IllegalStateException("stopping before the event was stored");
                            }
                            // in a transaction now: wait for its end, so the answer says what became of it
                        }
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.batchFailed) {
            return intake.receive(incoming.source(), incoming.eventName(), incoming.body(), incoming.eventId(),
                    incoming.accountId(), incoming.publishedAt());
        }
        return mine.receipt;
    }

    /** One transaction with what is queued now (the caller's own event among it, unless another writer took it). */
    private boolean writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < BATCH && (p = queued.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return false;
        }
        try {
            List<Receipt> receipts = intake.receiveAll(batch.stream().map(p -> p.incoming).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).receipt = receipts.get(i);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Storing " + batch.size() + " events together failed; each is stored alone: "
                    + e.getMessage());
            batch.forEach(p -> p.batchFailed = true);
        } finally {
            for (Pending p : batch) {
                p.batchFailed |= p.receipt == null; // whatever was thrown: its caller stores it alone
                p.finished = true;
            }
        }
        return true;
    }
}
