package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import com.hcc.webhooks.users.entity.ApiToken;
import com.hcc.webhooks.users.entity.Role;
import com.hcc.webhooks.users.entity.TokenScope;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Per-account API tokens: created in the portal, shown once, kept as a hash, revocable. */
@Stateless
public class Tokens {

    public static final String PREFIX = "hcc_";
    public static final String PRINCIPAL_PREFIX = "token:";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** last_used_at is written at most this often per token, not on every request. */
    private static final Duration USE_PRECISION = Duration.ofMinutes(1);

    public record TokenView(long id, String name, String prefix, TokenScope scope, String createdBy,
                            Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** The answer to a create: the token itself, in this answer only. */
    public record CreatedToken(TokenView token, String secret) {
        @Override
        public String toString() {
            return "CreatedToken[" + token + "]";
        }
    }

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @EJB
    Accounts accounts;

    public CreatedToken create(String accountId, String name, TokenScope scope, String createdBy) {
        Account account = accounts.require(accountId);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > ApiToken.NAME_LENGTH) {
            throw ProblemException.invalid(List.of(new FieldError("name", "is required (at most 100 characters):"
                    + " say what uses it, e.g. CRM sync")));
        }
        if (scope == null) {
            throw ProblemException.invalid(List.of(new FieldError("scope", "read or write")));
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken t = new ApiToken(account, n, sha256(secret), secret.substring(0, PREFIX.length() + 6), scope, createdBy);
        em.persist(t);
        em.flush();
        return new CreatedToken(view(t), secret);
    }

    public List<TokenView> list(String accountId) {
        return em.createNamedQuery(ApiToken.FIND_BY_ACCOUNT, ApiToken.class)
                .setParameter("account", accounts.require(accountId)).getResultStream().map(Tokens::view).toList();
    }

    public TokenView revoke(String accountId, long id) {
        ApiToken t = em.find(ApiToken.class, id);
        if (t == null || !t.getAccount().getAccountId().equals(accountId)) {
            throw ProblemException.notFound("token " + id);
        }
        t.revoke(Instant.now());
        return view(t);
    }

    /** The caller behind a bearer token, or empty when it is unknown or revoked. */
    public Optional<Identity> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiToken> found = em.createNamedQuery(ApiToken.FIND_BY_HASH, ApiToken.class)
                .setParameter("hash", sha256(secret)).getResultStream().findFirst().filter(t -> !t.isRevoked());
        found.ifPresent(t -> {
            Instant now = Instant.now();
            if (t.getLastUsedAt() == null || t.getLastUsedAt().plus(USE_PRECISION).isBefore(now)) {
                t.used(now);
            }
        });
        return found.map(Tokens::identity);
    }

    /** The caller behind a token principal name on a later request, while the token is not revoked. */
    public Optional<Identity> identity(String principal) {
        try {
            ApiToken t = em.find(ApiToken.class, Long.parseLong(principal.substring(PRINCIPAL_PREFIX.length())));
            return Optional.ofNullable(t).filter(x -> !x.isRevoked()).map(Tokens::identity);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A token acts as its account's admin (write scope) or viewer (read scope). */
    private static Identity identity(ApiToken t) {
        return new Identity(PRINCIPAL_PREFIX + t.getId(),
                t.getScope() == TokenScope.WRITE ? Role.ACCOUNT_ADMIN : Role.ACCOUNT_VIEWER, t.getAccount().getAccountId(), null);
    }

    private static TokenView view(ApiToken t) {
        return new TokenView(t.getId(), t.getName(), t.getPrefix(), t.getScope(), t.getCreatedBy(), t.getCreatedAt(),
                t.getLastUsedAt(), t.getRevokedAt());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
