package com.hcc.webhooks.delivery.control;

/**
 * What the span of one attempt needs besides the request: the event's name, which attempt of its delivery this
 * is (1 for the first), and the trace the delivery belongs to (the W3C traceparent stored with it, or null).
 */
public record AttemptTrace(String event, int attempt, String traceParent) {
}
