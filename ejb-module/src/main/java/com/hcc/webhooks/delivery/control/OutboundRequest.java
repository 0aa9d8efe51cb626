package com.hcc.webhooks.delivery.control;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP request exactly as it will be sent, with a masked copy of its headers for the log. The real
 * headers hold secrets: this record never prints them. {@code maskedBody} is the body with its secret masked
 * when the body carries one (API key in the body), null when the body is the event payload as received.
 */
public record OutboundRequest(String messageId, String method, URI uri, Map<String, String> headers,
                              Map<String, String> maskedHeaders, String maskedBody, byte[] body, Duration timeout, OAuthSpec oauth) {

    /** The same request carrying an OAuth 2.0 bearer token in the credential's header. */
    public OutboundRequest withBearer(String token) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(oauth.headerName(), "Bearer " + token);
        return new OutboundRequest(messageId, method, uri, Map.copyOf(h), maskedHeaders, maskedBody, body, timeout, oauth);
    }

    @Override
    public String toString() {
        return "OutboundRequest[" + messageId + ", " + method + " " + uri.getScheme() + "://" + uri.getAuthority()
                + "]";
    }
}
