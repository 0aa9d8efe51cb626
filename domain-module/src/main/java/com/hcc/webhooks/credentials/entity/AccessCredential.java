package com.hcc.webhooks.credentials.entity;

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
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * A stored credential of one account (Webhooks -> Access Setup). The secret (client secret or API key)
 * is held only as ciphertext produced by the engine's secret box; {@link #getSecretHint()} is the masked
 * form the portal and API show (e.g. {@code test123****}). Neither appears in {@link #toString()}.
 */
@Entity
@Table(name = "access_credential",
        uniqueConstraints = @UniqueConstraint(name = "uq_access_api_name", columnNames = {"account_ref", "api_name"}))
@NamedQuery(name = AccessCredential.FIND_BY_ACCOUNT,
        query = "SELECT c FROM AccessCredential c WHERE c.account = :account ORDER BY c.apiName")
public class AccessCredential extends BaseEntity {

    public static final String FIND_BY_ACCOUNT = "AccessCredential.findByAccount";
    public static final int API_NAME_LENGTH = 100;
    public static final int KEY_NAME_LENGTH = 100;
    public static final int CLIENT_ID_LENGTH = 255;
    public static final int SECRET_LENGTH = 2048;
    public static final int URL_LENGTH = 2048;
    public static final int SCOPE_LENGTH = 500;
    /** An HTTP header name (RFC 9110 token). */
    public static final String HEADER_NAME_PATTERN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_ref", nullable = false, updatable = false)
    private Account account;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "auth_type", nullable = false, length = 16)
    private AuthType type;

    @NotBlank
    @Size(max = API_NAME_LENGTH)
    @Column(name = "api_name", nullable = false, length = API_NAME_LENGTH)
    private String apiName;

    @NotBlank
    @Size(max = KEY_NAME_LENGTH)
    @Pattern(regexp = HEADER_NAME_PATTERN, message = "must be a valid HTTP header name")
    @Column(name = "auth_key_name", nullable = false, length = KEY_NAME_LENGTH)
    private String authKeyName;

    @Size(max = CLIENT_ID_LENGTH)
    @Column(name = "client_id", length = CLIENT_ID_LENGTH)
    private String clientId;

    /** Ciphertext of the client secret or API key; never plaintext. */
    @NotNull
    @Column(name = "secret_enc", nullable = false, length = SECRET_LENGTH)
    private String secretCiphertext;

    /** The masked secret as shown to users, computed when the secret was set. */
    @NotNull
    @Column(name = "secret_hint", nullable = false, length = 16)
    private String secretHint;

    @Enumerated(EnumType.STRING)
    @Column(name = "header_location", length = 8)
    private HeaderLocation headerLocation;

    @Size(max = URL_LENGTH)
    @Column(name = "token_url", length = URL_LENGTH)
    private String tokenUrl;

    @Size(max = SCOPE_LENGTH)
    @Column(name = "scope", length = SCOPE_LENGTH)
    private String scope;

    @Size(max = SCOPE_LENGTH)
    @Column(name = "audience", length = SCOPE_LENGTH)
    private String audience;

    protected AccessCredential() {
    }

    public AccessCredential(Account account, AuthType type, String apiName, String authKeyName) {
        this.account = Objects.requireNonNull(account, "account");
        this.type = Objects.requireNonNull(type, "type");
        this.apiName = Objects.requireNonNull(apiName, "apiName");
        this.authKeyName = Objects.requireNonNull(authKeyName, "authKeyName");
    }

    public void replaceSecret(String ciphertext, String hint) {
        this.secretCiphertext = Objects.requireNonNull(ciphertext, "ciphertext");
        this.secretHint = Objects.requireNonNull(hint, "hint");
    }

    /** Key rotation: the same secret, encrypted again (with the current key); the hint stays. */
    public void reencryptSecret(java.util.function.UnaryOperator<String> reencrypt) {
        secretCiphertext = Objects.requireNonNull(reencrypt.apply(secretCiphertext), "ciphertext");
    }

    public Account getAccount() {
        return account;
    }

    public AuthType getType() {
        return type;
    }

    public void setType(AuthType type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    public String getApiName() {
        return apiName;
    }

    public void setApiName(String apiName) {
        this.apiName = apiName;
    }

    public String getAuthKeyName() {
        return authKeyName;
    }

    public void setAuthKeyName(String authKeyName) {
        this.authKeyName = authKeyName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getSecretCiphertext() {
        return secretCiphertext;
    }

    public String getSecretHint() {
        return secretHint;
    }

    public HeaderLocation getHeaderLocation() {
        return headerLocation;
    }

    public void setHeaderLocation(HeaderLocation headerLocation) {
        this.headerLocation = headerLocation;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    @Override
    public String toString() {
        return "AccessCredential[" + getId() + ", " + type + ", " + apiName + "]";
    }
}
