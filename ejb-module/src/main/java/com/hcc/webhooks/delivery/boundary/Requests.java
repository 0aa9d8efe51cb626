package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.credentials.entity.AccessCredential;
import com.hcc.webhooks.delivery.control.CredentialSpec;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import com.hcc.webhooks.delivery.control.RequestBuilder;
import com.hcc.webhooks.platform.control.SecretBox;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The request a webhook sends for a payload: its method and target, its credential decrypted, signed with its
 * active secrets. The one place a request is made from a webhook (deliveries, "Send test", the Webhooks Logs'
 * preview of a delivery not sent yet).
 */
@ApplicationScoped
public class Requests {

    @Inject
    SecretBox secrets;

    /**
     * @throws IllegalArgumentException when the webhook cannot make a valid request (bad URL, credential)
     * @throws SecretBox.SecretException when a stored secret cannot be read
     */
    public OutboundRequest requestFor(Webhook w, String messageId, String payload, Instant now) {
        return RequestBuilder.build(messageId, w.getRequestMethod(), w.getTargetUrl(), payload,
                Duration.ofSeconds(w.getTimeoutSeconds()), credential(w.getAccess()), signingSecrets(w, now), now);
    }

    private CredentialSpec credential(AccessCredential c) {
        if (c == null) {
            return null;
        }
        // a token is cached per credential and per version of everything that makes it
        String cacheKey = c.getId() + ":" + Objects.hash(c.getSecretCiphertext(), c.getTokenUrl(), c.getScope(),
                c.getAudience(), c.getClientId());
        return new CredentialSpec(c.getType(), c.getAuthKeyName(), c.getClientId(),
                secrets.decrypt(c.getSecretCiphertext(), SecretBox.ACCESS_SECRET), c.getHeaderLocation(), c.getTokenUrl(),
                c.getScope(), c.getAudience(), cacheKey);
    }

    /** The current secret, and during a rotation's overlap the previous one too. */
    private List<String> signingSecrets(Webhook w, Instant now) {
        List<String> active = new ArrayList<>(2);
        if (w.getSigningSecretCiphertext() != null) {
            active.add(secrets.decrypt(w.getSigningSecretCiphertext(), SecretBox.SIGNING_SECRET));
        }
        if (w.getPreviousSecretCiphertext() != null && w.getPreviousSecretUntil() != null
                && now.isBefore(w.getPreviousSecretUntil())) {
            active.add(secrets.decrypt(w.getPreviousSecretCiphertext(), SecretBox.SIGNING_SECRET));
        }
        return active;
    }
}
