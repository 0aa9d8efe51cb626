package com.hcc.webhooks.webhooks.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.credentials.boundary.Credentials;
import com.hcc.webhooks.credentials.entity.AccessCredential;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import com.hcc.webhooks.delivery.boundary.Deliveries;
import com.hcc.webhooks.platform.control.SecretBox;
import com.hcc.webhooks.webhooks.control.SeedSamples;
import com.hcc.webhooks.webhooks.control.PayloadFilter;
import com.hcc.webhooks.webhooks.entity.RequestMethod;
import com.hcc.webhooks.webhooks.entity.Webhook;
import com.hcc.webhooks.webhooks.entity.WebhookChange;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Webhooks -> Webhook Settings: which events of an account go where, how. */
@Stateless
public class Webhooks {

    public record WebhookInput(RequestMethod requestMethod, String event, Long accessId, String targetUrl,
                               Boolean enabled, Integer timeoutSeconds, Integer maxPerSecond,
                               Integer maxConcurrent, Boolean ordered, String filter) {
    }

    public record WebhookView(long id, RequestMethod requestMethod, String event, Long accessId, String apiName,
                              String targetUrl, boolean enabled, String disabledReason, int timeoutSeconds,
                              Integer maxPerSecond, Integer maxConcurrent, boolean ordered, String filter,
                              Instant createdAt, Instant updatedAt) {
        static WebhookView of(Webhook w) {
            AccessCredential a = w.getAccess();
            return new WebhookView(w.getId(), w.getRequestMethod(), w.getEvent().wireName(),
                    a == null ? null : a.getId(), a == null ? null : a.getApiName(), w.getTargetUrl(),
                    w.isEnabled(), w.getDisabledReason(), w.getTimeoutSeconds(), w.getMaxPerSecond(),
                    w.getMaxConcurrent(), w.isOrdered(), w.getFilter(), w.getCreatedAt(), w.getUpdatedAt());
        }
    }

    /** The answer to a create: the signing secret is shown this once and never again. */
    public record CreatedWebhook(WebhookView webhook, String signingSecret) {
        @Override
        public String toString() {
            return "CreatedWebhook[" + webhook.id() + "]";
        }
    }

    static final Duration SIGNING_OVERLAP = Duration.ofHours(24);

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @EJB
    Deliveries deliveries;

    @EJB
    Accounts accounts;

    @EJB
    Credentials credentials;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    private Webhooks self;

    @jakarta.annotation.PostConstruct
    void init() {
        self = context.getBusinessObject(Webhooks.class);
    }

    @Inject
    SecretBox secrets;

    /** A webhook disabled by a user: an operational notification (webhook.disabled) to the account. */
    @Inject
    jakarta.enterprise.event.Event<WebhookChange> changes;

    static final String BY_A_USER = "Disabled by a user of the account.";

    public CreatedWebhook create(String accountId, WebhookInput in) {
        Account account = accounts.require(accountId);
        EventType event = validate(in);
        RequestMethod method = in.requestMethod() == null ? RequestMethod.POST : in.requestMethod();
        Webhook w = new Webhook(account, event, method, in.targetUrl().strip());
        deliveries.requireAllowed("targetUrl", in.targetUrl().strip());
        apply(accountId, w, in, event);
        String signingSecret = Deliveries.newSigningSecret();
        w.replaceSigningSecret(secrets.encrypt(signingSecret, SecretBox.SIGNING_SECRET));
        em.persist(w);
        em.flush();
        return new CreatedWebhook(WebhookView.of(w), signingSecret);
    }

    public List<WebhookView> list(String accountId) {
        return em.createNamedQuery(Webhook.FIND_BY_ACCOUNT, Webhook.class)
                .setParameter("account", accounts.require(accountId)).getResultStream().map(WebhookView::of).toList();
    }

    public WebhookView view(String accountId, long id) {
        return WebhookView.of(require(accountId, id));
    }

    /** The webhook if it belongs to the account and is not deleted; anything else answers 404. */
    Webhook require(String accountId, long id) {
        Webhook w = em.find(Webhook.class, id);
        if (w == null || !w.belongsTo(accountId)) {
            throw ProblemException.notFound("webhook " + id);
        }
        return w;
    }

    /** Replaces the settings; {@code enabled} true re-enables a webhook the engine disabled, clearing the reason. */
    public WebhookView update(String accountId, long id, WebhookInput in) {
        Webhook w = require(accountId, id);
        EventType event = validate(in);
        deliveries.requireAllowed("targetUrl", in.targetUrl().strip());
        boolean wasEnabled = w.isEnabled();
        apply(accountId, w, in, event);
        em.flush();
        if (wasEnabled && !w.isEnabled()) {
            changes.fire(new WebhookChange(w, EventType.WEBHOOK_DISABLED, BY_A_USER, w.getFailingSince(), Instant.now()));
        }
        return WebhookView.of(w);
    }

    /** The input's settings onto a new or existing webhook; what is left out takes its default. */
    private void apply(String accountId, Webhook w, WebhookInput in, EventType event) {
        w.setEvent(event);
        w.setRequestMethod(in.requestMethod() == null ? RequestMethod.POST : in.requestMethod());
        w.setTargetUrl(in.targetUrl().strip());
        w.setAccess(in.accessId() == null ? null : access(accountId, in.accessId()));
        w.setTimeoutSeconds(in.timeoutSeconds() == null ? Webhook.DEFAULT_TIMEOUT_SECONDS : in.timeoutSeconds());
        w.setMaxPerSecond(in.maxPerSecond());
        w.setMaxConcurrent(in.maxConcurrent());
        w.setOrdered(in.ordered() == null || in.ordered());
        w.setFilter(in.filter() == null || in.filter().isBlank() ? null : in.filter().strip());
        if (Boolean.FALSE.equals(in.enabled())) {
            w.disable(null);
        } else if (Boolean.TRUE.equals(in.enabled()) || in.enabled() == null && w.isEnabled()) {
            w.enable();
        }
    }

    /** Deleted webhooks send nothing more; their delivery history stays readable. */
    public void delete(String accountId, long id) {
        require(accountId, id).delete(Instant.now());
    }

    /** A new signing secret, shown this once; the old one keeps signing for 24 hours beside it. */
    public String rotateSigningSecret(String accountId, long id) {
        Webhook w = require(accountId, id);
        String secret = Deliveries.newSigningSecret();
        w.rotateSigningSecret(secrets.encrypt(secret, SecretBox.SIGNING_SECRET), Instant.now().plus(SIGNING_OVERLAP));
        return secret;
    }

    /**
     * "Send test": the sample payload of the webhook's event, sent now as the webhook sends it (credential,
     * signature), recorded in the logs as a test, never retried (Deliveries.sendTest).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Deliveries.TestResult sendTest(String accountId, long id) {
        return deliveries.sendTest(accountId, id, SeedSamples.json(self.eventOf(accountId, id)));
    }

    public EventType eventOf(String accountId, long id) {
        return require(accountId, id).getEvent();
    }

    private AccessCredential access(String accountId, long accessId) {
        try {
            return credentials.require(accountId, accessId);
        } catch (ProblemException e) {
            throw ProblemException.invalid(List.of(new FieldError("accessId", "no access " + accessId
                    + " in this account")));
        }
    }

    static EventType validate(WebhookInput in) {
        if (in == null) {
            throw ProblemException.invalid(List.of(new FieldError("event", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        EventType event = null;
        if (in.event() == null || in.event().isBlank()) {
            errors.add(new FieldError("event", "is required: " + EventType.wireNames()));
        } else {
            event = EventType.fromWireName(in.event().strip()).orElse(null);
            if (event == null) {
                errors.add(new FieldError("event", "must be " + EventType.wireNames()));
            }
        }
        String url = in.targetUrl() == null ? "" : in.targetUrl().strip();
        if (url.isEmpty()) {
            errors.add(new FieldError("targetUrl", "is required"));
        } else if (url.length() > Webhook.URL_LENGTH) {
            errors.add(new FieldError("targetUrl", String.format("is too long: at most %,d characters (this one has %,d)",
                    Webhook.URL_LENGTH, url.length())));
        } else if (Deliveries.urlProblem(url) != null) {
            errors.add(new FieldError("targetUrl", Deliveries.urlProblem(url)));
        }
        Integer timeout = in.timeoutSeconds();
        if (timeout != null && (timeout < Webhook.MIN_TIMEOUT_SECONDS || timeout > Webhook.MAX_TIMEOUT_SECONDS)) {
            errors.add(new FieldError("timeoutSeconds", "must be between 1 and 30"));
        }
        if (in.maxPerSecond() != null && in.maxPerSecond() < 1) {
            errors.add(new FieldError("maxPerSecond", "must be at least 1, or left out for no limit"));
        }
        if (in.maxConcurrent() != null && in.maxConcurrent() < 1) {
            errors.add(new FieldError("maxConcurrent", "must be at least 1, or left out for no limit"));
        }
        if (in.filter() != null && !in.filter().isBlank()) {
            try {
                PayloadFilter.parse(in.filter());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("filter", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return event;
    }
}
