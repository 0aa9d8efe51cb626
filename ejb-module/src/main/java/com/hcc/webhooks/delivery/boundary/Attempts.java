package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.boundary.DeliveriesDue.Due;
import com.hcc.webhooks.delivery.control.AttemptResult;
import com.hcc.webhooks.delivery.control.AttemptTrace;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import com.hcc.webhooks.platform.boundary.Telemetry;
import com.hcc.webhooks.platform.control.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attempt of one delivery, on the worker thread {@link Workers} gives it: claim (short transaction), send (no
 * transaction), record (short transaction). Knows nothing of the pool: it is told what to attempt and says when
 * a deferred one is due again.
 */
@ApplicationScoped
public class Attempts {

    private static final Logger LOG = Logger.getLogger(Attempts.class.getName());
    /** Time kept between the end of a request's timeout and the end of its lease. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
    static final int RECORD_TRIES = 5;
    /**
     * Most attempts recorded in one transaction, and how many workers may write records at once: one, so what
     * finishes while a record is written waits for the next one and goes in with the others (with two writers
     * the same load made twice the record transactions, each half as full: 5.2 statements per delivery against
     * 4.2 with one, docs/performance.md).
     */
    static final int RECORD_BATCH = 100;
    static final int RECORDERS = 1;

    // @EJB, not @Inject: calls through CDI's proxy of a session bean make Payara throw and catch an exception
    // each time (EjbContainerServicesImpl.getEJBLocalObject); measured in the delivery benchmark.
    @EJB
    Claims claims;

    @EJB
    Records records;

    @Inject
    EngineSettings settings;

    @Inject
    Sending sending;

    @Inject
    Telemetry telemetry;

    private final Queue<Records.Outcome> toRecord = new ConcurrentLinkedQueue<>();
    private final Semaphore recorders = new Semaphore(RECORDERS);
    /** The stop's grace ran out: requests interrupted now are left to their lease, not recorded. */
    private volatile boolean cutOff;
    /**
     * Whether this instance keeps up with a webhook, so a record may hand it the next delivery of an order, leased
     * ({@link Claims#handOver}); set by Workers, which knows. Nothing is handed over until then.
     */
    private volatile LongPredicate keepingUp = webhookId -> false;

    /** Lets records hand the next delivery of an order to this instance while it keeps up with the webhook. */
    void handOverWhile(LongPredicate keepingUp) {
        this.keepingUp = keepingUp;
    }

    /**
     * Attempts a delivery now. Failures of our own are logged: the lease expires and the poller tries again.
     *
     * @return when a limit lets the delivery go (wake it then), or null
     */
    Instant attempt(Due due) {
        try {
            if (due.prepared() != null) {
                // leased and built by the intake; a request that waited too long for a slot is not sent (its
                // lease could run out while it is on the wire): the lease is given back and the poller claims it
                DeliveriesDue.Prepared p = due.prepared();
                if (Instant.now().plus(p.request().timeout()).plus(LEASE_MARGIN).isBefore(p.leaseUntil())) {
                    sendAndRecord(due, p.request(), p.trace(), p.orderingKey());
                } else {
                    claims.releaseLeases(List.of(due.id()));
                }
                return null;
            }
            Claims.Claim claim = claim(due);
            if (claim instanceof Claims.Deferred deferred) {
                return deferred.until();
            }
            if (claim instanceof Claims.Send send) {
                sendAndRecord(due, send.request(), send.trace(), send.orderingKey());
            }
        } catch (RuntimeException e) {
            // The lease expires and the poller tries again; the cause is logged without request details.
            LOG.log(Level.WARNING, "Delivery " + due.id() + " was not completed; it is retried when its lease expires: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return null;
    }

    /**
     * A claim, tried again at once when its transaction fails: that is passing (a deadlock victim, a lock wait, a
     * connection lost), and a failed claim wrote nothing. Given up after {@link #RECORD_TRIES}, the delivery waits
     * for its due time: for one a commit had just woken, the order's 30 s recheck (a deadlocked claim left the
     * benchmark's slowest events 30 s late, docs/performance.md).
     */
    Claims.Claim claim(Due due) {
        for (int attempt = 1; ; attempt++) {
            try {
                return claims.claim(due.id(), due.webhookId(), settings.instanceId());
            } catch (RuntimeException e) {
                if (attempt == RECORD_TRIES) {
                    throw e;
                }
                LOG.log(Level.FINE, "Claim of delivery " + due.id() + " failed; trying again: " + e.getMessage());
                if (!pause(attempt)) {
                    throw e;
                }
            }
        }
    }

    /** A jittered pause before trying a failed transaction again, so two that deadlocked do not meet again. */
    private static boolean pause(int attempt) {
        try {
            Thread.sleep(50L * attempt + ThreadLocalRandom.current().nextLong(50));
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A wake-up that will not be attempted here: one the intake leased to this instance gives its lease back, so
     * the poller finds it due in a second, not after the lease's 90.
     */
    void letGo(Due due) {
        if (due.prepared() == null) {
            return;
        }
        try {
            claims.releaseLeases(List.of(due.id()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Lease of delivery " + due.id() + " not given back; it expires", e);
        }
    }

    /**
     * A stop: gives back, in one statement per thousand, the leases the intake took for wake-ups that will not be
     * attempted here, so another instance's poller finds them due at once.
     *
     * @return how many leases were given back
     */
    int giveBack(List<Due> notStarted) {
        List<Long> leased = notStarted.stream().filter(d -> d.prepared() != null).map(Due::id).toList();
        return leased.isEmpty() ? 0 : claims.releaseLeases(leased);
    }

    /** A stop whose grace ran out: what is interrupted from now on is left to its lease. */
    void cutOff() {
        cutOff = true;
    }

    private void sendAndRecord(Due due, OutboundRequest request, AttemptTrace trace, String orderingKey) {
        AttemptResult result = send(due, request, trace);
        if (cutOff && !result.succeeded() && Thread.currentThread().isInterrupted()) {
            // the stop's grace ran out while it was on the wire: it may have reached the receiver, so it is not
            // recorded as failed (and sent again at once) but left to its lease
            return;
        }
        record(due.id(), orderingKey, request, result);
    }

    /**
     * Sends, in the attempt's span ({@code hcc attempt <event>}, CLIENT, a child of the intake that made the
     * delivery, from the traceparent stored with it, whenever and wherever the attempt is made; docs/operations.md
     * "Traces (OpenTelemetry)"). No span when traces are off.
     */
    private AttemptResult send(Due due, OutboundRequest request, AttemptTrace trace) {
        if (!telemetry.on()) {
            return sending.send(request);
        }
        String event = trace == null ? null : trace.event();
        SpanBuilder b = telemetry.span(event == null ? "hcc attempt" : "hcc attempt " + event,
                        Traces.parent(trace == null ? null : trace.traceParent()))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("hcc.delivery.id", due.id())
                .setAttribute("hcc.webhook.id", due.webhookId())
                .setAttribute("hcc.message.id", request.messageId())
                .setAttribute("http.request.method", request.method())
                .setAttribute("hcc.instance", settings.instanceId());
        if (trace != null) {
            b.setAttribute("hcc.attempt", trace.attempt());
        }
        String url = Traces.urlWithoutSecrets(request.uri());
        if (url != null) {
            b.setAttribute("url.full", url);
            b.setAttribute("server.address", request.uri().getHost());
        }
        Span span = b.startSpan();
        try {
            AttemptResult result = sending.send(request);
            ended(span, result);
            return result;
        } catch (RuntimeException e) {
            telemetry.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The attempt's outcome on its span: status code, {@code hcc.outcome}, and for a failure its class. */
    private static void ended(Span span, AttemptResult result) {
        if (result.status() != null) {
            span.setAttribute("http.response.status_code", result.status());
        }
        span.setAttribute("hcc.outcome", result.succeeded() ? "succeeded" : "failed");
        if (!result.succeeded()) {
            String error = result.errorClass() == null ? "unknown" : result.errorClass().name();
            span.setAttribute("error.type", result.status() != null ? Integer.toString(result.status())
                    : error.toLowerCase(Locale.ROOT));
            span.setStatus(StatusCode.ERROR, error);
        }
    }

    /**
     * Records a request that was sent. Outcomes that finish while a record is being written wait for the next
     * one and go in together (group commit): under load one transaction records many attempts, at low load each
     * goes alone at once. At most {@link #RECORDERS} workers write at a time; the others hand their outcome over
     * and go on.
     */
    void record(long id, String orderingKey, OutboundRequest request, AttemptResult result) {
        toRecord.add(new Records.Outcome(id, orderingKey, request, result));
        while (!toRecord.isEmpty() && recorders.tryAcquire()) {
            try {
                List<Records.Outcome> batch = new ArrayList<>();
                for (Records.Outcome o; batch.size() < RECORD_BATCH && (o = toRecord.poll()) != null; ) {
                    batch.add(o);
                }
                if (!batch.isEmpty()) {
                    recordBatch(batch);
                }
            } finally {
                recorders.release();
            }
        }
    }

    /**
     * A batch whose transaction fails is recorded again one outcome at a time, each tried up to
     * {@link #RECORD_TRIES} times: the failure can be passing (a deadlock victim, a lock wait, a connection lost),
     * then nothing was written and trying again is safe, whereas giving up would send the request again when the
     * lease expires.
     */
    void recordBatch(List<Records.Outcome> batch) {
        if (batch.size() > 1) {
            try {
                records.record(batch, keepingUp);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "Recording " + batch.size() + " deliveries together failed; recording them one by one: "
                        + e.getMessage());
            }
        }
        for (Records.Outcome o : batch) {
            for (int attempt = 1; ; attempt++) {
                try {
                    records.record(List.of(o), keepingUp);
                    break;
                } catch (RuntimeException e) {
                    if (attempt == RECORD_TRIES) {
                        LOG.log(Level.WARNING, "Delivery " + o.id() + " was sent but its attempt could not be recorded;"
                                + " it is sent again when its lease expires: " + e.getMessage());
                        break;
                    }
                    LOG.log(Level.INFO, "Recording delivery " + o.id() + " failed; trying again: " + e.getMessage());
                    if (!pause(attempt)) {
                        return;
                    }
                }
            }
        }
    }

    /** Records the outcomes still waiting for a group commit (a stop, once the workers are done). */
    void flush() {
        recorders.acquireUninterruptibly(RECORDERS);
        try {
            while (!toRecord.isEmpty()) {
                List<Records.Outcome> batch = new ArrayList<>();
                for (Records.Outcome o; batch.size() < RECORD_BATCH && (o = toRecord.poll()) != null; ) {
                    batch.add(o);
                }
                recordBatch(batch);
            }
        } finally {
            recorders.release(RECORDERS);
        }
    }
}
