package com.hcc.webhooks.events.entity;

import java.util.Arrays;
import java.util.Optional;

/** The HCC events a webhook can subscribe to, with their wire names (JMS property {@code event}). */
public enum EventType {
    CALL_CREATED("call.created", "Call Created"),
    CALL_ENDED("call.ended", "Call Ended"),
    CALL_SAVED("call.saved", "Call Saved"),
    LEAD_REG_F_BLOCKED("lead.reg_f_blocked", "Reg F Blocked Lead");

    private final String wireName;
    private final String label;

    EventType(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    /** The wire names as a message says them: "call.created, call.ended, call.saved or lead.reg_f_blocked". */
    public static String wireNames() {
        EventType[] all = values();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            b.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].wireName);
        }
        return b.toString();
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
