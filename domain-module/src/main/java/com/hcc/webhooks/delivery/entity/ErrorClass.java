package com.hcc.webhooks.delivery.entity;

/** Why an attempt did not succeed, in the terms a customer can act on. */
public enum ErrorClass {
    /** The endpoint answered with a non-2xx status (including 3xx: redirects are not followed). */
    HTTP_STATUS,
    /** No answer within the webhook's timeout. */
    TIMEOUT,
    /** Nothing listening, or the connection was reset. */
    CONNECTION,
    /** The host name did not resolve. */
    DNS,
    /** The TLS handshake failed. */
    TLS,
    /** The resolved address is not allowed by the outbound address policy. */
    BLOCKED,
    /** The request could not be built (bad URL, credential unusable). */
    CONFIGURATION,
    /** Anything else on the wire. */
    IO
}
