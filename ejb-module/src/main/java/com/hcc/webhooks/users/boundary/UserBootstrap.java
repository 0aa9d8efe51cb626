package com.hcc.webhooks.users.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * First start: when no user exists, the operator {@code admin} is created with the password in
 * HCC_ADMIN_PASSWORD (hcc.admin-password) or, when that is not set, a random one printed once to the log.
 * Later starts change nothing (the password is then the users' business, in the portal), but say so when
 * HCC_ADMIN_PASSWORD is set and is not admin's password.
 */
@Singleton
@Startup
@DependsOn("Database")
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class UserBootstrap {

    public static final String ADMIN = "admin";
    private static final Logger LOG = Logger.getLogger(UserBootstrap.class.getName());

    @EJB
    Users users;

    @Inject
    Config config;

    /**
     * Outside any transaction, said on the callback itself: the class-level attribute covers business methods only,
     * and a singleton's {@code @PostConstruct} otherwise runs in a transaction of its own. Then two instances started
     * at once on an empty database both inserted the operator in that transaction, the loser's failed at its commit,
     * after this method had returned (beyond the catch below), and its start-up was left broken (RollingRestartIT
     * caught it once: the instance never answered the API). Now {@link Users#bootstrap} commits on its own and the
     * loser's duplicate is caught here.
     */
    @PostConstruct
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
    void createFirstOperator() {
        String password = config.getOptionalValue("hcc.admin-password", String.class).filter(p -> !p.isBlank())
                .orElse(null);
        boolean generated = password == null;
        if (generated) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        boolean created;
        try {
            created = users.bootstrap(ADMIN, password);
        } catch (jakarta.ejb.EJBException e) {
            // several instances started on an empty database at once: another one created the operator
            LOG.info("The first operator was created by another instance.");
            return;
        }
        if (!created && !generated) {
            warnWhenIgnored(password);
        }
        if (created && generated) {
            String shown = password;
            LOG.warning(() -> "First start: created the operator 'admin' with the generated password " + shown
                    + " (printed only this once; set HCC_ADMIN_PASSWORD before the first start to choose it)");
        }
    }

    /**
     * HCC_ADMIN_PASSWORD only chooses the first operator's password: on a database that has users it changes
     * nothing. Whoever set it expects to sign in with it, so say at once when that will not work.
     */
    private void warnWhenIgnored(String password) {
        String why = ignoredBecause(users.hasPassword(ADMIN, password));
        if (why != null) {
            LOG.warning(() -> "HCC_ADMIN_PASSWORD is ignored: " + why + ". It applies only to the first start on an"
                    + " empty database; sign in with the password set then, or start on a new data directory"
                    + " (README, \"Stop, reset, data\").");
        }
    }

    /**
     * Why HCC_ADMIN_PASSWORD changes nothing on this start, or null when it already is admin's password (a restart
     * with the quick start's own command: nothing to say).
     *
     * @param matches whether it is admin's password; empty when there is no user admin
     */
    static String ignoredBecause(Optional<Boolean> matches) {
        if (matches.isEmpty()) {
            return "there is no user 'admin' (users already exist)";
        }
        return matches.get() ? null : "the operator 'admin' already exists with another password";
    }
}
