package com.hcc.webhooks.platform.control;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.net.URI;
import java.util.List;

/**
 * The pieces of tracing that need no container: a span's context as the W3C {@code traceparent} the delivery
 * row keeps, that text back as a parent context, and a target URL fit for a span (docs/operations.md, "Traces
 * (OpenTelemetry)").
 */
public final class Traces {

    private static final String TRACEPARENT = "traceparent";

    private Traces() {
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null for an invalid context (traces off). */
    public static String traceParent(SpanContext context) {
        if (context == null || !context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /**
     * The context a W3C traceparent stands for, as a remote parent; {@code Context.root()} when it is missing or
     * not a valid traceparent (a span started under it is then the root of a trace of its own).
     */
    public static Context parent(String traceParent) {
        if (traceParent == null || traceParent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceParent.strip(), ONE_HEADER);
    }

    /** Whether the text is a traceparent that names a valid trace. */
    public static boolean isValid(String traceParent) {
        return io.opentelemetry.api.trace.Span.fromContext(parent(traceParent)).getSpanContext().isValid();
    }

    /**
     * The target as a span may show it: scheme, host, port and path. No user info, no query (a GET delivery carries
     * the payload there, and a target's query may hold a token), no fragment.
     */
    public static String urlWithoutSecrets(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        StringBuilder url = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() != -1) {
            url.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        return url.append(path == null || path.isEmpty() ? "/" : path).toString();
    }

    /** The traceparent text itself is the whole carrier. */
    private static final TextMapGetter<String> ONE_HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };
}
