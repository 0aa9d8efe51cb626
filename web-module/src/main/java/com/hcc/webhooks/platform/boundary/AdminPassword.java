package com.hcc.webhooks.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The bootstrap administrator's password: HCC_ADMIN_PASSWORD (hcc.admin-password), or, when unset, a random
 * one generated at start and printed once to the server log, so a fresh install is never open.
 */
@ApplicationScoped
public class AdminPassword {

    public static final String USER = "admin";
    private static final Logger LOG = Logger.getLogger(AdminPassword.class.getName());

    @Inject
    Config config;

    private byte[] digest;

    @PostConstruct
    void init() {
        String password = config.getOptionalValue("hcc.admin-password", String.class).filter(p -> !p.isBlank())
                .orElse(null);
        if (password == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String shown = password;
            LOG.warning(() -> "HCC_ADMIN_PASSWORD is not set. Generated administrator password for this run"
                    + " (user admin): " + shown);
        }
        digest = sha256(password);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // touch the bean so a generated password is printed at start, not at the first API call
        digest.getClass();
    }

    public boolean matches(String user, String password) {
        return USER.equals(user) && MessageDigest.isEqual(digest, sha256(password));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
