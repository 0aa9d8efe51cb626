package com.hcc.webhooks.webhooks.entity;

import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.credentials.entity.AccessCredential;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.entity.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/** A subscription of one account to one event, sent to the customer's target URL (Webhooks -> Webhook Settings). */
@Entity
@Table(name = "webhook")
@NamedQuery(name = Webhook.FIND_BY_ACCOUNT,
        query = "SELECT w FROM Webhook w WHERE w.account = :account AND w.deletedAt IS NULL ORDER BY w.id")
@NamedQuery(name = Webhook.FIND_ENABLED_FOR_ACCOUNT,
        query = "SELECT w FROM Webhook w JOIN FETCH w.account LEFT JOIN FETCH w.access"
                + " WHERE w.account.accountId = :accountId AND w.enabled = TRUE ORDER BY w.id")
@NamedQuery(name = Webhook.FIND_ENABLED,
        query = "SELECT w FROM Webhook w WHERE w.enabled = TRUE ORDER BY w.id")
@NamedQuery(name = Webhook.FIND_BY_ACCESS,
        query = "SELECT w FROM Webhook w WHERE w.access = :access ORDER BY w.id")
public class Webhook extends BaseEntity {

    public static final String FIND_BY_ACCOUNT = "Webhook.findByAccount";
    public static final String FIND_ENABLED_FOR_ACCOUNT = "Webhook.findEnabledForAccount";
    public static final String FIND_ENABLED = "Webhook.findEnabled";
    public static final String FIND_BY_ACCESS = "Webhook.findByAccess";
    public static final int URL_LENGTH = 2048;
    public static final int FILTER_LENGTH = 1000;
    public static final int REASON_LENGTH = 500;
    public static final int SECRET_LENGTH = 512;
    public static final int MIN_TIMEOUT_SECONDS = 1;
    public static final int MAX_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_TIMEOUT_SECONDS = 15;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_ref", nullable = false, updatable = false)
    private Account account;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false, length = 32)
    private EventType event;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "request_method", nullable = false, length = 8)
    private RequestMethod requestMethod = RequestMethod.POST;

    /** The credential sent with each request, or none. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "access_ref")
    private AccessCredential access;

    @NotBlank
    @Size(max = URL_LENGTH)
    @Column(name = "target_url", nullable = false, length = URL_LENGTH)
    private String targetUrl;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    /** Why the engine disabled this webhook (e.g. 410 Gone), shown to the account; null when enabled by hand. */
    @Size(max = REASON_LENGTH)
    @Column(name = "disabled_reason", length = REASON_LENGTH)
    private String disabledReason;

    @Min(MIN_TIMEOUT_SECONDS)
    @Max(MAX_TIMEOUT_SECONDS)
    @Column(name = "timeout_seconds", nullable = false)
    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

    @Min(1)
    @Column(name = "max_per_second")
    private Integer maxPerSecond;

    @Min(1)
    @Column(name = "max_concurrent")
    private Integer maxConcurrent;

    /** Deliver the events of one call in the order received. */
    @Column(name = "ordered", nullable = false)
    private boolean ordered = true;

    @Size(max = FILTER_LENGTH)
    @Column(name = "payload_filter", length = FILTER_LENGTH)
    private String filter;

    /**
     * Since when every delivery has failed; null while deliveries succeed. Kept by the engine's health job
     * from the delivery rows, not by each attempt (which would contend on this row).
     */
    @Column(name = "failing_since")
    private java.time.Instant failingSince;

    /** Ciphertext of the Standard Webhooks signing secret ({@code whsec_...}). */
    @Column(name = "signing_secret_enc", length = SECRET_LENGTH)
    private String signingSecretCiphertext;

    /** The secret before the last rotation, still signing until {@link #previousSecretUntil}. */
    @Column(name = "signing_secret_prev_enc", length = SECRET_LENGTH)
    private String previousSecretCiphertext;

    @Column(name = "signing_secret_prev_until")
    private java.time.Instant previousSecretUntil;

    /** Deleted webhooks keep their rows so that their delivery history stays readable. */
    @Column(name = "deleted_at")
    private java.time.Instant deletedAt;

    protected Webhook() {
    }

    public Webhook(Account account, EventType event, RequestMethod requestMethod, String targetUrl) {
        this.account = Objects.requireNonNull(account, "account");
        this.event = Objects.requireNonNull(event, "event");
        this.requestMethod = Objects.requireNonNull(requestMethod, "requestMethod");
        this.targetUrl = Objects.requireNonNull(targetUrl, "targetUrl");
    }

    public Account getAccount() {
        return account;
    }

    public EventType getEvent() {
        return event;
    }

    public void setEvent(EventType event) {
        this.event = Objects.requireNonNull(event, "event");
    }

    public RequestMethod getRequestMethod() {
        return requestMethod;
    }

    public void setRequestMethod(RequestMethod requestMethod) {
        this.requestMethod = Objects.requireNonNull(requestMethod, "requestMethod");
    }

    public AccessCredential getAccess() {
        return access;
    }

    public void setAccess(AccessCredential access) {
        if (access != null && !access.getAccount().equals(account)) {
            throw new IllegalArgumentException("credential belongs to another account");
        }
        this.access = access;
    }

    public String getTargetUrl() {
        return targetUrl;
    }

    public void setTargetUrl(String targetUrl) {
        this.targetUrl = Objects.requireNonNull(targetUrl, "targetUrl");
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void enable() {
        this.enabled = true;
        this.disabledReason = null;
        this.failingSince = null;
    }

    public void failingSince(java.time.Instant since) {
        this.failingSince = since;
    }

    public java.time.Instant getFailingSince() {
        return failingSince;
    }

    public void disable(String reason) {
        this.enabled = false;
        this.disabledReason = reason;
    }

    public String getDisabledReason() {
        return disabledReason;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public Integer getMaxPerSecond() {
        return maxPerSecond;
    }

    /** Whether the webhook has its own limits (max concurrent, max per second), held across instances. */
    public boolean hasLimits() {
        return maxConcurrent != null || maxPerSecond != null;
    }

    public void setMaxPerSecond(Integer maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
    }

    public Integer getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(Integer maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    public boolean isOrdered() {
        return ordered;
    }

    public void setOrdered(boolean ordered) {
        this.ordered = ordered;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getSigningSecretCiphertext() {
        return signingSecretCiphertext;
    }

    public void replaceSigningSecret(String ciphertext) {
        this.signingSecretCiphertext = ciphertext;
    }

    /** A new signing secret; the current one keeps signing alongside it until {@code overlapUntil}. */
    public void rotateSigningSecret(String ciphertext, java.time.Instant overlapUntil) {
        this.previousSecretCiphertext = this.signingSecretCiphertext;
        this.previousSecretUntil = overlapUntil;
        this.signingSecretCiphertext = Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** Key rotation: both signing secrets through {@code reencrypt} (same secrets, the current key). */
    public void reencryptSecrets(java.util.function.UnaryOperator<String> reencrypt) {
        if (signingSecretCiphertext != null) {
            signingSecretCiphertext = reencrypt.apply(signingSecretCiphertext);
        }
        if (previousSecretCiphertext != null) {
            previousSecretCiphertext = reencrypt.apply(previousSecretCiphertext);
        }
    }

    public String getPreviousSecretCiphertext() {
        return previousSecretCiphertext;
    }

    public java.time.Instant getPreviousSecretUntil() {
        return previousSecretUntil;
    }

    public void delete(java.time.Instant at) {
        this.deletedAt = at;
        disable("deleted");
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** Whether the account (by its number) may see and use this webhook: its own, and not deleted. */
    public boolean belongsTo(String accountId) {
        return !isDeleted() && account.getAccountId().equals(accountId);
    }

    @Override
    public String toString() {
        return "Webhook[" + getId() + ", " + event.wireName() + ", " + requestMethod + "]";
    }
}
