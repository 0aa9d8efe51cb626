package com.hcc.webhooks.delivery.control;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP request exactly as it will be sent, with a masked copy of its headers for the log. The real
 * headers hold secrets: this record never prints them.
 */
public record OutboundRequest(String messageId, String method, URI uri, Map<String, String> headers,
                              Map<String, String> maskedHeaders, byte[] body, Duration timeout) {

    @Override
    public String toString() {
        return "OutboundRequest[" + messageId + ", " + method + " " + uri.getScheme() + "://" + uri.getAuthority()
                + "]";
    }
}
