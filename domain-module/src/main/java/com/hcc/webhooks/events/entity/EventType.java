package com.hcc.webhooks.events.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The events a webhook can subscribe to, with their wire names (JMS property {@code event}): the HCC's, which
 * producers publish, and the operational notifications HCC Webhooks sends itself about an account's webhooks
 * (docs/notifications.md), which no producer may publish.
 */
public enum EventType {
    CALL_CREATED("call.created", "Call Created", false),
    CALL_ENDED("call.ended", "Call Ended", false),
    CALL_SAVED("call.saved", "Call Saved", false),
    LEAD_REG_F_BLOCKED("lead.reg_f_blocked", "Reg F Blocked Lead", false),
    WEBHOOK_DISABLED("webhook.disabled", "Webhook Disabled", true),
    WEBHOOK_FAILING("webhook.failing", "Webhook Failing", true),
    WEBHOOK_RECOVERED("webhook.recovered", "Webhook Recovered", true);

    private final String wireName;
    private final String label;
    private final boolean operational;

    EventType(String wireName, String label, boolean operational) {
        this.wireName = wireName;
        this.label = label;
        this.operational = operational;
    }

    /** An operational notification: sent by HCC Webhooks itself, never by a producer. */
    public boolean operational() {
        return operational;
    }

    /** The events producers publish (the HCC's). */
    public static java.util.List<EventType> produced() {
        return Arrays.stream(values()).filter(t -> !t.operational).toList();
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    /** Every wire name as a message says them: "call.created, call.ended, ... or webhook.recovered". */
    public static String wireNames() {
        return wireNames(Arrays.asList(values()));
    }

    /** The wire names of some types as a message says them: "call.created, call.ended, call.saved or ...". */
    public static String wireNames(java.util.List<EventType> types) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            b.append(i == 0 ? "" : i == types.size() - 1 ? " or " : ", ").append(types.get(i).wireName);
        }
        return b.toString();
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
