package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.credentials.entity.AccessCredential;
import com.hcc.webhooks.delivery.control.AttemptResult;
import com.hcc.webhooks.delivery.control.CredentialSpec;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import com.hcc.webhooks.delivery.control.RequestBuilder;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryAttempt;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.delivery.entity.ErrorClass;
import com.hcc.webhooks.platform.control.SecretBox;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The delivery engine's short transactions: claim a delivery and build its request; record an attempt's
 * outcome. The HTTP call happens between them, outside any transaction (DeliveryWorker).
 */
@Stateless
public class DeliveryStore {

    public static final String ACCESS_SECRET = "access.secret";
    public static final String SIGNING_SECRET = "webhook.signing";
    static final List<DeliveryStatus> OPEN = List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING);
    private static final Logger LOG = Logger.getLogger(DeliveryStore.class.getName());

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Inject
    SecretBox secrets;

    @Inject
    EngineSettings settings;

    public List<Long> dueIds(int limit) {
        return em.createNamedQuery(Delivery.FIND_DUE_IDS, Long.class)
                .setParameter("open", OPEN)
                .setParameter("now", Instant.now())
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Takes the lease on a due delivery and builds its request.
     *
     * @return empty when another worker holds it, it is no longer open, or it cannot be sent at all
     */
    public Optional<OutboundRequest> claim(long id, String owner) {
        Instant now = Instant.now();
        int claimed = em.createNamedQuery(Delivery.CLAIM)
                .setParameter("owner", owner)
                .setParameter("until", now.plus(settings.lease()))
                .setParameter("id", id)
                .setParameter("open", OPEN)
                .setParameter("now", now)
                .executeUpdate();
        if (claimed == 0) {
            return Optional.empty();
        }
        Delivery d = em.find(Delivery.class, id);
        em.refresh(d);
        Webhook w = d.getWebhook();
        if (!w.isEnabled()) {
            d.failed(null, "webhook was disabled before this delivery was sent", 0, null, now);
            return Optional.empty();
        }
        try {
            return Optional.of(RequestBuilder.build(d.getMessageId(), w.getRequestMethod(), w.getTargetUrl(),
                    d.getEvent().getPayload(), Duration.ofSeconds(w.getTimeoutSeconds()), credential(w.getAccess()),
                    signingSecrets(w), now));
        } catch (IllegalArgumentException | SecretBox.SecretException e) {
            DeliveryAttempt attempt = new DeliveryAttempt(d, d.getAttempts() + 1, now, 0,
                    w.getRequestMethod().name(), w.getTargetUrl(), "{}");
            attempt.error(ErrorClass.CONFIGURATION, e.getMessage());
            em.persist(attempt);
            d.failed(null, e.getMessage(), 0, null, now);
            LOG.warning(() -> "Delivery " + d.getMessageId() + " cannot be sent: " + e.getMessage());
            return Optional.empty();
        }
    }

    private CredentialSpec credential(AccessCredential c) {
        if (c == null) {
            return null;
        }
        return new CredentialSpec(c.getType(), c.getAuthKeyName(), c.getClientId(),
                secrets.decrypt(c.getSecretCiphertext(), ACCESS_SECRET), c.getHeaderLocation());
    }

    private List<String> signingSecrets(Webhook w) {
        return w.getSigningSecretCiphertext() == null ? List.of()
                : List.of(secrets.decrypt(w.getSigningSecretCiphertext(), SIGNING_SECRET));
    }

    /** Records an attempt and decides what comes next: done, retry at a time, or failed for good. */
    public void record(long id, OutboundRequest request, AttemptResult result) {
        Delivery d = em.find(Delivery.class, id);
        if (d == null) {
            return;
        }
        Instant now = Instant.now();
        int attemptNo = d.getAttempts() + 1;
        DeliveryAttempt attempt = new DeliveryAttempt(d, attemptNo, result.startedAt(), result.durationMs(),
                request.method(), d.getWebhook().getTargetUrl(), toJson(request.maskedHeaders()));
        if (result.status() != null) {
            attempt.response(result.status(), headersJson(result.responseHeaders()), result.responseBody(),
                    result.succeeded());
        }
        if (!result.succeeded()) {
            attempt.error(result.errorClass(), result.errorMessage());
        }
        em.persist(attempt);

        if (result.succeeded()) {
            d.succeeded(result.status(), result.durationMs(), now);
        } else if (result.status() != null && result.status() == 410) {
            d.getWebhook().disable("The endpoint answered 410 Gone on " + now + ": it asked us to stop sending.");
            d.failed(410, result.errorMessage(), result.durationMs(), null, now);
        } else if (result.errorClass() == ErrorClass.CONFIGURATION) {
            d.failed(null, result.errorMessage(), result.durationMs(), null, now);
        } else {
            Instant retryAt = settings.schedule().next(attemptNo, now, result.retryAfter()).orElse(null);
            d.failed(result.status(), result.errorMessage(), result.durationMs(), retryAt, now);
        }
    }

    private static String toJson(Map<String, String> headers) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        headers.forEach(b::add);
        return b.build().toString();
    }

    private static String headersJson(Map<String, List<String>> headers) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        headers.forEach((k, v) -> {
            if (!k.startsWith(":")) {
                b.add(k, String.join(", ", v));
            }
        });
        return b.build().toString();
    }
}
