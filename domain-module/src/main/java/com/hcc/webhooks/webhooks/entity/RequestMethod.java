package com.hcc.webhooks.webhooks.entity;

/** The HTTP method a webhook uses. GET sends the payload's top-level fields as query parameters. */
public enum RequestMethod {
    POST, PUT, PATCH, GET;

    public boolean hasBody() {
        return this != GET;
    }
}
