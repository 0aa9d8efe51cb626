package com.hcc.webhooks.users.entity;

import com.hcc.webhooks.accounts.entity.Account;
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
import java.time.Instant;
import java.util.Objects;

/**
 * A per-account API token ({@code Authorization: Bearer hcc_...}). The token itself is shown once when it
 * is created; only its SHA-256 is kept (it is 256 random bits, so a fast hash is enough) with its first
 * characters, so people can tell their tokens apart.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.FIND_BY_HASH, query = "SELECT t FROM ApiToken t JOIN FETCH t.account WHERE t.tokenHash = :hash")
@NamedQuery(name = ApiToken.FIND_BY_ACCOUNT, query = "SELECT t FROM ApiToken t WHERE t.account = :account ORDER BY t.id DESC")
public class ApiToken extends BaseEntity {

    public static final String FIND_BY_HASH = "ApiToken.findByHash";
    public static final String FIND_BY_ACCOUNT = "ApiToken.findByAccount";
    public static final int NAME_LENGTH = 100;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_ref", nullable = false, updatable = false)
    private Account account;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true, updatable = false, length = 64)
    private String tokenHash;

    @Column(name = "token_prefix", nullable = false, updatable = false, length = 16)
    private String prefix;

    @Enumerated(EnumType.STRING)
    @Column(name = "scope", nullable = false, updatable = false, length = 8)
    private TokenScope scope;

    @Column(name = "created_by", nullable = false, updatable = false, length = User.USERNAME_LENGTH)
    private String createdBy;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
    }

    public ApiToken(Account account, String name, String tokenHash, String prefix, TokenScope scope, String createdBy) {
        this.account = Objects.requireNonNull(account, "account");
        this.name = Objects.requireNonNull(name, "name");
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
    }

    public void used(Instant at) {
        lastUsedAt = at;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public Account getAccount() {
        return account;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public TokenScope getScope() {
        return scope;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    @Override
    public String toString() {
        return "ApiToken[" + getId() + ", " + prefix + "..., " + scope + "]";
    }
}
