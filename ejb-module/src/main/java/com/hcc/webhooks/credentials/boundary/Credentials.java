package com.hcc.webhooks.credentials.boundary;

import com.hcc.webhooks.platform.control.Strings;
import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.credentials.entity.AccessCredential;
import com.hcc.webhooks.credentials.entity.AuthType;
import com.hcc.webhooks.credentials.entity.HeaderLocation;
import com.hcc.webhooks.delivery.boundary.Deliveries;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import com.hcc.webhooks.platform.control.SecretBox;
import com.hcc.webhooks.platform.control.SecretMask;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Webhooks -> Access Setup: an account's stored credentials. Secrets go in once, are encrypted at rest,
 * and come back only masked.
 */
@Stateless
public class Credentials {

    private static final Pattern HEADER_NAME = Pattern.compile(AccessCredential.HEADER_NAME_PATTERN);
    /** Headers the engine sets itself or the HTTP client forbids. */
    static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "content-type", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature",
            "transfer-encoding", "te", "trailer");

    /** What a client sends; secrets are write-only. */
    public record AccessInput(AuthType type, String apiName, String authKeyName, String clientId,
                              String clientSecret, String apiKey, HeaderLocation headerLocation, String tokenUrl,
                              String scope, String audience) {
        // one constructor only: JSON-B binds a record through its canonical constructor

        @Override
        public String toString() {
            return "AccessInput[" + type + ", " + apiName + "]";
        }
    }

    /** What a client reads back: the secret only as its masked hint. */
    public record AccessView(long id, AuthType type, String apiName, String authKeyName, String clientId,
                             String secret, HeaderLocation headerLocation, String tokenUrl, String scope,
                             String audience, Instant createdAt, Instant updatedAt, long webhooks) {
        /** @param webhooks how many webhooks (not deleted) use it: while any do, it cannot be deleted */
        static AccessView of(AccessCredential c, long webhooks) {
            return new AccessView(c.getId(), c.getType(), c.getApiName(), c.getAuthKeyName(), c.getClientId(),
                    c.getSecretHint(), c.getHeaderLocation(), c.getTokenUrl(), c.getScope(), c.getAudience(),
                    c.getCreatedAt(), c.getUpdatedAt(), webhooks);
        }
    }

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @EJB
    Accounts accounts;

    @Inject
    SecretBox secrets;

    @EJB
    Deliveries deliveries;

    private void requireAllowedTokenUrl(AccessInput in) {
        if (in.type() == AuthType.OAUTH2) {
            deliveries.requireAllowed("tokenUrl", in.tokenUrl().strip());
        }
    }

    public AccessView create(String accountId, AccessInput in) {
        Account account = accounts.require(accountId);
        validate(in, true);
        requireAllowedTokenUrl(in);
        requireUniqueName(account, in.apiName().strip(), null);
        AccessCredential c = new AccessCredential(account, in.type(), in.apiName().strip(), in.authKeyName().strip());
        String secret = in.type() == AuthType.API_KEY ? in.apiKey() : in.clientSecret();
        c.replaceSecret(secrets.encrypt(secret, SecretBox.ACCESS_SECRET), SecretMask.mask(secret));
        applyTypeFields(c, in);
        em.persist(c);
        em.flush();
        return AccessView.of(c, usersOf(c));
    }

    /**
     * Replaces the settings. A secret left out keeps the stored one (the form shows it only masked and offers
     * "replace"); changing the type needs the new type's secret.
     */
    public AccessView update(String accountId, long id, AccessInput in) {
        AccessCredential c = require(accountId, id);
        boolean sameType = in != null && in.type() == c.getType();
        validate(in, !sameType);
        requireAllowedTokenUrl(in);
        requireUniqueName(c.getAccount(), in.apiName().strip(), id);
        c.setType(in.type());
        c.setApiName(in.apiName().strip());
        c.setAuthKeyName(in.authKeyName().strip());
        String secret = in.type() == AuthType.API_KEY ? in.apiKey() : in.clientSecret();
        if (secret != null && !secret.isBlank()) {
            c.replaceSecret(secrets.encrypt(secret, SecretBox.ACCESS_SECRET), SecretMask.mask(secret));
        }
        applyTypeFields(c, in);
        em.flush();
        return AccessView.of(c, usersOf(c));
    }

    /** API names identify credentials everywhere else, so they are unique per account (ignoring case). */
    private void requireUniqueName(Account account, String apiName, Long exceptId) {
        boolean taken = em.createNamedQuery(AccessCredential.FIND_BY_ACCOUNT, AccessCredential.class)
                .setParameter("account", account).getResultStream()
                .anyMatch(o -> !o.getId().equals(exceptId) && o.getApiName().equalsIgnoreCase(apiName));
        if (taken) {
            throw new ProblemException(ProblemException.Kind.CONFLICT, "an access named " + apiName
                    + " already exists", List.of(new FieldError("apiName", "is already used by another access")));
        }
    }

    /** The fields of the credential's type; the other types' fields are cleared. */
    private static void applyTypeFields(AccessCredential c, AccessInput in) {
        boolean apiKey = in.type() == AuthType.API_KEY;
        boolean oauth = in.type() == AuthType.OAUTH2;
        c.setClientId(apiKey ? null : in.clientId().strip());
        c.setHeaderLocation(apiKey ? (in.headerLocation() == null ? HeaderLocation.HEADER : in.headerLocation()) : null);
        c.setTokenUrl(oauth ? in.tokenUrl().strip() : null);
        c.setScope(oauth ? Strings.blankToNull(in.scope()) : null);
        c.setAudience(oauth ? Strings.blankToNull(in.audience()) : null);
    }

    /** Refused while webhooks use the credential, saying which; deleted webhooks let go of it. */
    public void delete(String accountId, long id) {
        AccessCredential c = require(accountId, id);
        List<Webhook> users = em.createNamedQuery(Webhook.FIND_BY_ACCESS, Webhook.class).setParameter("access", c)
                .getResultList();
        List<String> live = users.stream().filter(w -> !w.isDeleted())
                .map(w -> "webhook " + w.getId() + " (" + w.getEvent().wireName() + " to " + w.getTargetUrl() + ")")
                .toList();
        if (!live.isEmpty()) {
            throw ProblemException.conflict("access " + c.getApiName() + " is used by " + String.join(", ", live)
                    + "; change or delete those webhooks first");
        }
        users.forEach(w -> w.setAccess(null));
        em.remove(c);
    }

    public List<AccessView> list(String accountId) {
        return em.createNamedQuery(AccessCredential.FIND_BY_ACCOUNT, AccessCredential.class)
                .setParameter("account", accounts.require(accountId)).getResultStream()
                .map(c -> AccessView.of(c, usersOf(c))).toList();
    }

    /** How many webhooks that are not deleted use the credential. */
    private long usersOf(AccessCredential c) {
        return c.getId() == null ? 0 : em.createQuery("SELECT COUNT(w) FROM Webhook w WHERE w.access = :access"
                + " AND w.deletedAt IS NULL", Long.class).setParameter("access", c).getSingleResult();
    }

    public AccessView view(String accountId, long id) {
        AccessCredential c = require(accountId, id);
        return AccessView.of(c, usersOf(c));
    }

    /** The credential if it belongs to the account; another account's id answers 404, never data. */
    public AccessCredential require(String accountId, long id) {
        AccessCredential c = em.find(AccessCredential.class, id);
        if (c == null || !c.getAccount().getAccountId().equals(accountId)) {
            throw ProblemException.notFound("access " + id);
        }
        return c;
    }

    /** @param requireSecret false on an update that keeps the stored secret */
    static void validate(AccessInput in, boolean requireSecret) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            throw ProblemException.invalid(List.of(new FieldError("type", "is required")));
        }
        if (in.type() == null) {
            errors.add(new FieldError("type", "is required: BASIC, API_KEY or OAUTH2"));
        }
        required(errors, "apiName", in.apiName(), AccessCredential.API_NAME_LENGTH);
        if (required(errors, "authKeyName", in.authKeyName(), AccessCredential.KEY_NAME_LENGTH)) {
            String name = in.authKeyName().strip();
            if (!HEADER_NAME.matcher(name).matches()) {
                errors.add(new FieldError("authKeyName", "must be a valid HTTP header name, e.g. Authorization"));
            } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                    && in.headerLocation() != HeaderLocation.BODY) {
                errors.add(new FieldError("authKeyName", name + " is set by the delivery engine; choose another name"));
            }
        }
        if (in.type() == AuthType.OAUTH2) {
            if (required(errors, "tokenUrl", in.tokenUrl(), AccessCredential.URL_LENGTH)
                    && Deliveries.urlProblem(in.tokenUrl().strip()) != null) {
                errors.add(new FieldError("tokenUrl", Deliveries.urlProblem(in.tokenUrl().strip())));
            }
            if (in.scope() != null && in.scope().length() > AccessCredential.SCOPE_LENGTH) {
                errors.add(new FieldError("scope", "must be at most " + AccessCredential.SCOPE_LENGTH + " characters"));
            }
            if (in.audience() != null && in.audience().length() > AccessCredential.SCOPE_LENGTH) {
                errors.add(new FieldError("audience", "must be at most " + AccessCredential.SCOPE_LENGTH + " characters"));
            }
        }
        for (String[] field : new String[][] {{"apiName", in.apiName()}, {"clientId", in.clientId()},
                {"clientSecret", in.clientSecret()}, {"apiKey", in.apiKey()}, {"scope", in.scope()},
                {"audience", in.audience()}}) {
            if (hasControlCharacters(field[1])) {
                errors.add(new FieldError(field[0], "must not contain line breaks or other control characters"
                        + " (a copied value may end with one)"));
            }
        }
        if (in.type() == AuthType.API_KEY && in.headerLocation() != HeaderLocation.BODY && in.apiKey() != null
                && !hasControlCharacters(in.apiKey()) && !in.apiKey().chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7F)) {
            errors.add(new FieldError("apiKey", "may contain only printable ASCII characters: it is sent as the value"
                    + " of an HTTP header"));
        }
        if (in.type() == AuthType.BASIC || in.type() == AuthType.OAUTH2) {
            required(errors, "clientId", in.clientId(), AccessCredential.CLIENT_ID_LENGTH);
            if (in.clientId() != null && in.clientId().contains(":")) {
                errors.add(new FieldError("clientId", "must not contain ':' (Basic authentication separates with it)"));
            }
            if (requireSecret || in.clientSecret() != null) {
                required(errors, "clientSecret", in.clientSecret(), 1024);
            }
        } else if (in.type() == AuthType.API_KEY && (requireSecret || in.apiKey() != null)) {
            required(errors, "apiKey", in.apiKey(), 1024);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** Line breaks and other control characters (a tab is allowed): they would split or corrupt a header. */
    static boolean hasControlCharacters(String value) {
        return value != null && value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F);
    }

    private static boolean required(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return false;
        }
        return true;
    }
}
