package com.hcc.webhooks.events.entity;

/** How an event reached us. */
public enum EventSource {
    /** A JMS message (OpenWire or STOMP) on HCC.WEBHOOKS.EVENTS. */
    JMS,
    /** POST /api/v1/events/{event}. */
    REST,
    /** "Send sample event" in the portal: a sample payload published through the intake like any event. */
    PORTAL,
    /** "Send test" in the portal: one webhook, one attempt, never retried (its delivery's id starts msg_test_). */
    TEST,
    /** An operational notification HCC Webhooks sends itself (webhook.disabled, .failing, .recovered). */
    SYSTEM
}
