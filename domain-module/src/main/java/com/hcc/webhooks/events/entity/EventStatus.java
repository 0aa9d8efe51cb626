package com.hcc.webhooks.events.entity;

/** Whether an inbound event was taken for delivery or set aside with a reason. */
public enum EventStatus {
    ACCEPTED, REJECTED
}
