package com.hcc.webhooks.webhooks.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.credentials.boundary.Credentials;
import com.hcc.webhooks.credentials.entity.AccessCredential;
import com.hcc.webhooks.delivery.boundary.DeliveryStore;
import com.hcc.webhooks.delivery.control.Signer;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import com.hcc.webhooks.platform.control.SecretBox;
import com.hcc.webhooks.webhooks.entity.RequestMethod;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
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

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @EJB
    Accounts accounts;

    @EJB
    Credentials credentials;

    @Inject
    SecretBox secrets;

    public CreatedWebhook create(String accountId, WebhookInput in) {
        Account account = accounts.require(accountId);
        EventType event = validate(in);
        RequestMethod method = in.requestMethod() == null ? RequestMethod.POST : in.requestMethod();
        Webhook w = new Webhook(account, event, method, in.targetUrl().strip());
        if (in.accessId() != null) {
            AccessCredential access;
            try {
                access = credentials.require(accountId, in.accessId());
            } catch (ProblemException e) {
                throw ProblemException.invalid(List.of(new FieldError("accessId", "no access " + in.accessId()
                        + " in this account")));
            }
            w.setAccess(access);
        }
        if (in.timeoutSeconds() != null) {
            w.setTimeoutSeconds(in.timeoutSeconds());
        }
        w.setMaxPerSecond(in.maxPerSecond());
        w.setMaxConcurrent(in.maxConcurrent());
        if (in.ordered() != null) {
            w.setOrdered(in.ordered());
        }
        if (Boolean.FALSE.equals(in.enabled())) {
            w.disable(null);
        }
        String signingSecret = Signer.newSecret();
        w.replaceSigningSecret(secrets.encrypt(signingSecret, DeliveryStore.SIGNING_SECRET));
        em.persist(w);
        em.flush();
        return new CreatedWebhook(WebhookView.of(w), signingSecret);
    }

    public List<WebhookView> list(String accountId) {
        return em.createNamedQuery(Webhook.FIND_BY_ACCOUNT, Webhook.class)
                .setParameter("account", accounts.require(accountId)).getResultStream().map(WebhookView::of).toList();
    }

    public WebhookView view(String accountId, long id) {
        Webhook w = em.find(Webhook.class, id);
        if (w == null || !w.getAccount().getAccountId().equals(accountId)) {
            throw ProblemException.notFound("webhook " + id);
        }
        return WebhookView.of(w);
    }

    static EventType validate(WebhookInput in) {
        if (in == null) {
            throw ProblemException.invalid(List.of(new FieldError("event", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        EventType event = null;
        if (in.event() == null || in.event().isBlank()) {
            errors.add(new FieldError("event", "is required: call.created, call.ended, call.saved or lead.reg_f_blocked"));
        } else {
            event = EventType.fromWireName(in.event().strip()).orElse(null);
            if (event == null) {
                errors.add(new FieldError("event", "must be call.created, call.ended, call.saved or lead.reg_f_blocked"));
            }
        }
        String url = in.targetUrl() == null ? "" : in.targetUrl().strip();
        if (url.isEmpty()) {
            errors.add(new FieldError("targetUrl", "is required"));
        } else if (url.length() > Webhook.URL_LENGTH || !absoluteHttp(url)) {
            errors.add(new FieldError("targetUrl", "must be an absolute http:// or https:// URL"));
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
            errors.add(new FieldError("filter", "payload filters are not available yet; leave it out"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return event;
    }

    static boolean absoluteHttp(String url) {
        try {
            URI u = new URI(url);
            String s = u.getScheme();
            return ("http".equalsIgnoreCase(s) || "https".equalsIgnoreCase(s)) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
