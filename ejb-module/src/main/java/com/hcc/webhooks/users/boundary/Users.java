package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import com.hcc.webhooks.users.entity.Role;
import com.hcc.webhooks.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users: the database identity store (PBKDF2-SHA256 hashes, 210,000 iterations, 32-byte salt), sign-in
 * throttling, and the operator's management of users.
 * <p>
 * Throttling: after {@value #FREE_FAILURES} failed sign-ins in a row a user is locked for 30 s, doubling with
 * each further failure up to 15 minutes; the lock is in the database, so it holds across instances. A locked
 * user's password is not even checked. Unknown names cost the same hashing time as known ones.
 * <p>
 * A slow hash on every HTTP Basic request would make the API slow: a successful check is remembered for five
 * minutes as a salted SHA-256 of the password, in memory only; a password change or disabling takes effect at once.
 */
@Stateless
public class Users {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration REMEMBER_CHECK = Duration.ofMinutes(5);
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final byte[] PEPPER = new java.security.SecureRandom().generateSeed(32);
    /** user name -> (hash of the password last verified, the stored hash it was verified against, until when) */
    private static final Map<String, Verified> VERIFIED = new ConcurrentHashMap<>();

    private record Verified(byte[] digest, String storedHash, Instant until) {
    }

    public record UserView(long id, String username, Role role, String accountId, boolean enabled,
                           Instant lastLoginAt, boolean locked) {
    }

    public record UserInput(String username, String password, Role role, String accountId) {
    }

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @EJB
    Accounts accounts;

    @Inject
    Pbkdf2PasswordHash hash;

    private String dummyHash;

    @PostConstruct
    void init() {
        hash.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        dummyHash = hash.generate("not-a-password-0000".toCharArray());
    }

    /** The caller behind a user name and password, or empty: wrong password, unknown, disabled or locked. */
    public Optional<Identity> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        User u = find(username).orElse(null);
        Instant now = Instant.now();
        if (u == null) {
            hash.verify(password.toCharArray(), dummyHash);
            return Optional.empty();
        }
        if (!u.isEnabled() || u.isLocked(now)) {
            return Optional.empty();
        }
        byte[] digest = digest(username, password);
        Verified v = VERIFIED.get(username);
        boolean ok = v != null && v.until().isAfter(now) && v.storedHash().equals(u.getPasswordHash())
                && MessageDigest.isEqual(v.digest(), digest);
        if (!ok) {
            ok = hash.verify(password.toCharArray(), u.getPasswordHash());
            if (!ok) {
                u.failedLogin(now, FREE_FAILURES, FIRST_LOCK);
                VERIFIED.remove(username);
                return Optional.empty();
            }
            VERIFIED.put(username, new Verified(digest, u.getPasswordHash(), now.plus(REMEMBER_CHECK)));
            u.signedIn(now);
        } else if (u.getFailedLogins() > 0) {
            u.signedIn(now);
        }
        return Optional.of(identity(u));
    }

    /** The caller a signed-in session belongs to, while the user still exists and is enabled. */
    public Optional<Identity> identity(String username) {
        return find(username).filter(User::isEnabled).map(Users::identity);
    }

    private static Identity identity(User u) {
        return new Identity(u.getUsername(), u.getRole(), u.getAccount() == null ? null : u.getAccount().getAccountId(),
                u.getTimeZone());
    }

    /**
     * A user's own choice of time zone for the portal: an IANA id ({@code America/Chicago}); empty or {@code UTC}
     * for UTC.
     */
    public void setTimeZone(String username, String zoneId) {
        User u = find(username).orElseThrow(() -> ProblemException.notFound("user " + username));
        String zone = zoneId == null || zoneId.isBlank() || zoneId.strip().equals("UTC") ? null : zoneId.strip();
        if (zone != null) {
            try {
                zone = java.time.ZoneId.of(zone).getId();
            } catch (java.time.DateTimeException e) {
                throw ProblemException.invalid(List.of(new FieldError("timeZone",
                        "is not a time zone: choose one from the list, e.g. America/Chicago")));
            }
            if (zone.length() > User.TIME_ZONE_LENGTH) {
                throw ProblemException.invalid(List.of(new FieldError("timeZone", "is not a time zone we can keep")));
            }
        }
        u.setTimeZone(zone);
    }

    /** First start: when nobody can sign in yet, the operator {@code admin} with the given password. */
    public boolean bootstrap(String username, String password) {
        if (em.createNamedQuery(User.COUNT, Long.class).getSingleResult() > 0) {
            return false;
        }
        em.persist(new User(username, hash.generate(password.toCharArray()), Role.OPERATOR, null));
        return true;
    }

    /**
     * Whether the user's stored password is this one, without signing in (no failure count, no lock); empty
     * when there is no such user.
     */
    public Optional<Boolean> hasPassword(String username, String password) {
        return find(username).map(u -> hash.verify(password.toCharArray(), u.getPasswordHash()));
    }

    public List<UserView> list() {
        return em.createNamedQuery(User.FIND_ALL, User.class).getResultStream().map(Users::view).toList();
    }

    public UserView create(UserInput in) {
        List<FieldError> errors = new ArrayList<>();
        String username = in == null || in.username() == null ? "" : in.username().strip();
        if (username.isEmpty() || username.length() > User.USERNAME_LENGTH || !username.matches(User.USERNAME_PATTERN)) {
            errors.add(new FieldError("username", "letters, digits, '.', '_', '@' or '-'; at most 100"));
        } else if (find(username).isPresent()) {
            errors.add(new FieldError("username", "is taken"));
        }
        if (in == null || in.password() == null || in.password().length() < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "at least " + MIN_PASSWORD_LENGTH + " characters"));
        }
        Role role = in == null ? null : in.role();
        Account account = accountFor(role, in == null ? null : in.accountId(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        User u = new User(username, hash.generate(in.password().toCharArray()), role, account);
        em.persist(u);
        em.flush();
        return view(u);
    }

    /** What an operator may change of a user: role and account, and a new password (null or empty: kept). */
    public record UserChange(Role role, String accountId, String password) {
    }

    /**
     * Another role or account, or a new password (the user's open sessions go on; disable the user to end them).
     * Nobody changes their own role: an operator could otherwise lock the platform out of its last operator.
     */
    public UserView update(long id, UserChange in, String byWhom) {
        User u = em.find(User.class, id);
        if (u == null) {
            throw ProblemException.notFound("user " + id);
        }
        List<FieldError> errors = new ArrayList<>();
        Role role = in == null ? null : in.role();
        Account account = accountFor(role, in == null ? null : in.accountId(), errors);
        String password = in == null || in.password() == null || in.password().isEmpty() ? null : in.password();
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "at least " + MIN_PASSWORD_LENGTH + " characters, or empty to keep it"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (u.getUsername().equals(byWhom) && (role != u.getRole()
                || account != null && (u.getAccount() == null || !account.getId().equals(u.getAccount().getId())))) {
            throw ProblemException.conflict("You cannot change your own role or account: another operator can.");
        }
        u.assign(role, account);
        if (password != null) {
            u.changePassword(hash.generate(password.toCharArray()));
        }
        VERIFIED.remove(u.getUsername());
        return view(u);
    }

    /** The account a role needs (none for an operator), or the errors that say why there is none. */
    private Account accountFor(Role role, String accountId, List<FieldError> errors) {
        if (role == null) {
            errors.add(new FieldError("role", "is required"));
            return null;
        }
        if (role == Role.OPERATOR) {
            return null;
        }
        if (accountId == null || accountId.isBlank()) {
            errors.add(new FieldError("accountId", "is required for an account admin or viewer"));
            return null;
        }
        Account account = accounts.find(accountId.strip()).orElse(null);
        if (account == null) {
            errors.add(new FieldError("accountId", "no account " + accountId));
        }
        return account;
    }

    public UserView setEnabled(long id, boolean enabled, String byWhom) {
        User u = em.find(User.class, id);
        if (u == null) {
            throw ProblemException.notFound("user " + id);
        }
        if (!enabled && u.getUsername().equals(byWhom)) {
            throw ProblemException.conflict("You cannot disable yourself.");
        }
        u.setEnabled(enabled);
        VERIFIED.remove(u.getUsername());
        return view(u);
    }

    private Optional<User> find(String username) {
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    private static UserView view(User u) {
        return new UserView(u.getId(), u.getUsername(), u.getRole(),
                u.getAccount() == null ? null : u.getAccount().getAccountId(), u.isEnabled(), u.getLastLoginAt(),
                u.isLocked(Instant.now()));
    }

    private static byte[] digest(String username, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(PEPPER);
            md.update(username.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            return md.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
