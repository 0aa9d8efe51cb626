package com.hcc.webhooks.delivery.control;

import com.hcc.webhooks.credentials.entity.AuthType;
import com.hcc.webhooks.credentials.entity.HeaderLocation;

/** A credential with its secret decrypted, for the length of one attempt. Never printed whole. */
public record CredentialSpec(AuthType type, String keyName, String clientId, String secret, HeaderLocation location,
                             String tokenUrl, String scope, String audience, String cacheKey) {

    public CredentialSpec(AuthType type, String keyName, String clientId, String secret, HeaderLocation location) {
        this(type, keyName, clientId, secret, location, null, null, null, null);
    }

    @Override
    public String toString() {
        return "CredentialSpec[" + type + ", " + keyName + "]";
    }
}
