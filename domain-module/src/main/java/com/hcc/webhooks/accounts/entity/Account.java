package com.hcc.webhooks.accounts.entity;

import com.hcc.webhooks.platform.entity.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * The tenancy unit: an HCC customer account, identified everywhere by the HCC {@code account_id} string
 * (e.g. "12345678"). Every credential, webhook, event and delivery belongs to exactly one.
 */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.FIND_BY_ACCOUNT_ID, query = "SELECT a FROM Account a WHERE a.accountId = :accountId")
@NamedQuery(name = Account.FIND_ALL, query = "SELECT a FROM Account a ORDER BY a.accountId")
public class Account extends BaseEntity {

    public static final String FIND_BY_ACCOUNT_ID = "Account.findByAccountId";
    public static final String FIND_ALL = "Account.findAll";
    public static final int ACCOUNT_ID_LENGTH = 64;
    public static final int NAME_LENGTH = 200;
    /** The characters an HCC account id may use: letters, digits, dot, dash, underscore. */
    public static final String ACCOUNT_ID_PATTERN = "[A-Za-z0-9._-]+";

    @NotBlank
    @Size(max = ACCOUNT_ID_LENGTH)
    @Pattern(regexp = ACCOUNT_ID_PATTERN, message = "may contain only letters, digits, '.', '-' and '_'")
    @Column(name = "account_id", nullable = false, unique = true, updatable = false, length = ACCOUNT_ID_LENGTH)
    private String accountId;

    @NotBlank
    @Size(max = NAME_LENGTH)
    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    protected Account() {
    }

    public Account(String accountId, String name) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.name = Objects.requireNonNull(name, "name");
    }

    public String getAccountId() {
        return accountId;
    }

    public String getName() {
        return name;
    }

    public void rename(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return "Account[" + accountId + "]";
    }
}
