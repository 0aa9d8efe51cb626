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
 * A person who signs in to the portal or the API. Operators belong to no account; everyone else to exactly
 * one. The password is kept only as a PBKDF2 hash; repeated failures lock the user for a growing moment.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.FIND_BY_USERNAME, query = "SELECT u FROM User u WHERE u.username = :username")
@NamedQuery(name = User.FIND_ALL, query = "SELECT u FROM User u LEFT JOIN FETCH u.account ORDER BY u.username")
@NamedQuery(name = User.COUNT, query = "SELECT COUNT(u) FROM User u")
public class User extends BaseEntity {

    public static final int TIME_ZONE_LENGTH = 64;

    public static final String FIND_BY_USERNAME = "User.findByUsername";
    public static final String FIND_ALL = "User.findAll";
    public static final String COUNT = "User.count";
    public static final int USERNAME_LENGTH = 100;
    public static final String USERNAME_PATTERN = "[A-Za-z0-9._@-]+";

    @Column(name = "username", nullable = false, unique = true, updatable = false, length = USERNAME_LENGTH)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 300)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    private Role role;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_ref")
    private Account account;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    /** The portal's time zone for this user (an IANA id), or null for UTC. */
    @Column(name = "time_zone", length = TIME_ZONE_LENGTH)
    private String timeZone;

    protected User() {
    }

    public User(String username, String passwordHash, Role role, Account account) {
        this.username = Objects.requireNonNull(username, "username");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        assign(role, account);
    }

    /** A role, and the account that goes with it: an operator has none, every other user one. */
    public void assign(Role role, Account account) {
        this.role = Objects.requireNonNull(role, "role");
        if ((role == Role.OPERATOR) != (account == null)) {
            throw new IllegalArgumentException("an operator has no account; every other user has one");
        }
        this.account = account;
    }

    /** A failed sign-in: after {@code freeFailures}, locked for {@code base} doubling per failure, at most 15 min. */
    public void failedLogin(Instant now, int freeFailures, java.time.Duration base) {
        failedLogins++;
        if (failedLogins >= freeFailures) {
            int over = Math.min(10, failedLogins - freeFailures);
            java.time.Duration lock = base.multipliedBy(1L << over);
            java.time.Duration max = java.time.Duration.ofMinutes(15);
            lockedUntil = now.plus(lock.compareTo(max) > 0 ? max : lock);
        }
    }

    public void signedIn(Instant now) {
        failedLogins = 0;
        lockedUntil = null;
        lastLoginAt = now;
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    public void changePassword(String hash) {
        this.passwordHash = Objects.requireNonNull(hash, "hash");
        failedLogins = 0;
        lockedUntil = null;
    }

    public String getTimeZone() {
        return timeZone;
    }

    /** @param zoneId an IANA zone id, checked by the caller; null for UTC */
    public void setTimeZone(String zoneId) {
        this.timeZone = zoneId;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public Account getAccount() {
        return account;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getFailedLogins() {
        return failedLogins;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    @Override
    public String toString() {
        return "User[" + username + ", " + role + "]";
    }
}
