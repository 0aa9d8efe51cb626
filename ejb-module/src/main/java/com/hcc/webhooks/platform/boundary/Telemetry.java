package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.platform.control.Traces;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Traces of the intake of each event and of every attempt of its deliveries, through MicroProfile Telemetry
 * (OpenTelemetry) as Payara ships it: docs/operations.md, "Traces (OpenTelemetry)".
 * <p>
 * Off unless {@code otel.sdk.disabled} is false (MicroProfile Telemetry's own switch; {@code OTEL_SDK_DISABLED=false}
 * in the environment). Off, nothing here touches Payara's OpenTelemetry: every method returns at its first
 * test, spans are {@link Span#getInvalid()} and no trace context is stored. (Asking Payara for its tracer while
 * telemetry is off would make it build an SDK for the application and from then on trace every JAX-RS request
 * into that SDK, exporting nothing: a cost with nothing to show for it.)
 * <p>
 * On, the tracer is taken once, at start-up, from the {@code OpenTelemetry} bean MicroProfile Telemetry provides
 * (Payara resolves it for the application being deployed; worker threads and MDB sessions then share it). Spans
 * carry ids, names, counts and outcomes only: never a payload, a header, a secret or a query string.
 */
@ApplicationScoped
public class Telemetry {

    /** The instrumentation scope of our spans. */
    public static final String SCOPE = "com.hcc.webhooks";
    /** MicroProfile Telemetry's switch; true (off) unless configured. */
    public static final String DISABLED = "otel.sdk.disabled";

    private static final Logger LOG = Logger.getLogger(Telemetry.class.getName());

    @Inject
    Config config;

    @Inject
    Instance<OpenTelemetry> provided;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private volatile boolean on;
    private volatile Tracer tracer;

    @PostConstruct
    void init() {
        if (config.getOptionalValue(DISABLED, Boolean.class).orElse(true)) {
            return;
        }
        Tracer t = null;
        try {
            t = provided.get().getTracer(SCOPE);
        } catch (RuntimeException e) {
            LOG.warning(() -> "MicroProfile Telemetry's OpenTelemetry bean is not available (" + e + "); using the"
                    + " global OpenTelemetry");
        }
        if (t == null) {
            try {
                t = GlobalOpenTelemetry.get().getTracer(SCOPE);
            } catch (RuntimeException e) {
                LOG.warning(() -> "Traces are switched on (" + DISABLED + "=false) but no OpenTelemetry is available: "
                        + e);
                return;
            }
        }
        tracer = t;
        on = true;
        LOG.info("Traces on: intake and delivery attempts are traced (docs/operations.md, \"Traces (OpenTelemetry)\")");
    }

    /** Made at start-up, on a thread of the deployment, where Payara knows which application asks. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // nothing: observing makes the container create this bean (and run init) now
    }

    public boolean on() {
        return on;
    }

    // ---- intake ----

    /**
     * The span of one event's intake, {@code hcc intake <event>}: a child of the current context (for REST, the
     * JAX-RS server span Payara made; for JMS, the producer's context that {@link #producer} found, or a root).
     */
    public Span intakeStarted(EventSource source, String eventName) {
        if (!on) {
            return Span.getInvalid();
        }
        String name = eventName == null || eventName.isBlank() ? "(none)"
                : eventName.length() > 64 ? eventName.substring(0, 64) : eventName;
        return tracer.spanBuilder(com.hcc.webhooks.events.entity.EventType.fromWireName(eventName).isPresent()
                        ? "hcc intake " + eventName : "hcc intake")
                .setSpanKind(source == EventSource.JMS ? SpanKind.CONSUMER : SpanKind.INTERNAL)
                .setAttribute("hcc.event.source", source.name())
                .setAttribute("hcc.event.name", name)
                .startSpan();
    }

    /** What the intake learned from the payload: the account and the call. */
    public void intakeParsed(Span span, String accountId, Long callId) {
        if (!span.isRecording()) {
            return;
        }
        if (accountId != null) {
            span.setAttribute("hcc.account.id", accountId);
        }
        if (callId != null) {
            span.setAttribute("hcc.call.id", callId);
        }
    }

    /** @param outcome accepted, duplicate or rejected */
    public void intakeDone(Span span, long eventId, String outcome, int deliveries) {
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute("hcc.event.id", eventId);
        span.setAttribute("hcc.outcome", outcome);
        span.setAttribute("hcc.deliveries", deliveries);
    }

    /**
     * Ends the intake span when its transaction ends, so the span covers the commit; a rollback marks it as an
     * error. Without a transaction it ends now.
     */
    public void endWithTransaction(Span span) {
        if (!span.isRecording()) {
            return;
        }
        try {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != Status.STATUS_COMMITTED) {
                        span.setStatus(StatusCode.ERROR, "rolled back");
                    }
                    span.end();
                }
            });
        } catch (RuntimeException noTransaction) {
            span.end();
        }
    }

    /**
     * The producer's context from a JMS message's {@code traceparent} property, for the intake span to be its child;
     * null when traces are off or the property is missing or invalid.
     */
    public Context producer(String traceParent) {
        if (!on || traceParent == null) {
            return null;
        }
        Context parent = Traces.parent(traceParent);
        return Span.fromContext(parent).getSpanContext().isValid() ? parent : null;
    }

    /** The W3C traceparent of a span, to be stored with the deliveries it made; null when traces are off. */
    public static String traceParent(Span span) {
        return Traces.traceParent(span.getSpanContext());
    }

    /**
     * A span of ours under the given parent context (docs/operations.md, "Traces (OpenTelemetry)"); only while
     * {@link #on()}: the delivery engine starts its attempts' spans with it.
     */
    public SpanBuilder span(String name, Context parent) {
        return tracer.spanBuilder(name).setParent(parent);
    }

    /**
     * A failure of our own inside a span: its class only (a message may quote data), never the stack trace.
     */
    public void failed(Span span, Throwable e) {
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute("error.type", e.getClass().getName());
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    }
}
