package com.hcc.webhooks.credentials.entity;

/** How a credential authenticates the request to the customer's API (Webhooks -> Access Setup). */
public enum AuthType {
    /** {@code <authKeyName>: Basic base64(clientId:clientSecret)}. */
    BASIC("Basic Authentication"),
    /** {@code <authKeyName>: <apiKey>} as a header, or a top-level body field named authKeyName. */
    API_KEY("API Key Authentication"),
    /** OAuth 2.0 client credentials: a bearer token fetched from tokenUrl. */
    OAUTH2("OAuth 2.0 Client Credentials");

    private final String label;

    AuthType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
