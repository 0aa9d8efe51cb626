package com.hcc.webhooks.events.entity;

/** How an event reached us. */
public enum EventSource {
    /** A JMS message (OpenWire or STOMP) on HCC.WEBHOOKS.EVENTS. */
    JMS,
    /** POST /api/v1/events/{event}. */
    REST
}
