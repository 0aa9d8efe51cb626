package com.hcc.webhooks.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The stored trace context and what a span may show of a target URL. */
class TracesTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aSpansContextIsStoredAsAW3cTraceparentAndReadBackAsItsRemoteParent() {
        SpanContext sc = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
        String stored = Traces.traceParent(sc);
        assertEquals("00-" + TRACE + "-" + SPAN + "-01", stored);
        assertEquals(55, stored.length(), "fits delivery.trace_parent VARCHAR(55)");
        SpanContext parent = Span.fromContext(Traces.parent(stored)).getSpanContext();
        assertTrue(parent.isValid());
        assertTrue(parent.isRemote());
        assertEquals(TRACE, parent.getTraceId());
        assertEquals(SPAN, parent.getSpanId());
        assertTrue(parent.isSampled());
    }

    @Test
    void noTraceOrABadOneGivesARootAndNothingToStore() {
        assertNull(Traces.traceParent(SpanContext.getInvalid()), "traces off: nothing stored");
        assertNull(Traces.traceParent(Span.getInvalid().getSpanContext()));
        for (String bad : new String[] {null, "", "  ", "nonsense", "00-" + TRACE + "-" + SPAN,
                "00-00000000000000000000000000000000-" + SPAN + "-01", "00-" + TRACE + "-0000000000000000-01"}) {
            assertEquals(Context.root(), Traces.parent(bad), String.valueOf(bad));
            assertFalse(Traces.isValid(bad), String.valueOf(bad));
        }
    }

    @Test
    void aTargetShowsNoUserInfoQueryOrFragment() {
        assertEquals("https://hooks.example.com:8443/in/calls",
                Traces.urlWithoutSecrets(URI.create("https://user:pa55@hooks.example.com:8443/in/calls?token=s3cret&x=1#f")));
        assertEquals("http://127.0.0.1/", Traces.urlWithoutSecrets(URI.create("http://127.0.0.1?call_id=11142")));
        assertEquals("http://[::1]:9000/r", Traces.urlWithoutSecrets(URI.create("http://[::1]:9000/r?a=b")));
        assertNull(Traces.urlWithoutSecrets(URI.create("mailto:someone@example.com")));
    }
}
