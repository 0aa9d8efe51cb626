package com.hcc.webhooks.delivery.control;

/**
 * What fetching an OAuth 2.0 client-credentials token takes, carried by a request until it is sent (the token
 * is fetched then, outside any database transaction). {@code cacheKey} changes when any part changes.
 */
public record OAuthSpec(String cacheKey, String tokenUrl, String clientId, String clientSecret, String scope,
                        String audience, String headerName) {

    @Override
    public String toString() {
        return "OAuthSpec[" + tokenUrl + ", " + clientId + "]";
    }
}
