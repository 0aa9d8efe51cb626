package com.hcc.webhooks.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a start on a database with users says of HCC_ADMIN_PASSWORD. */
class UserBootstrapTest {

    @Test
    void aRestartWithAdminsOwnPasswordSaysNothing() {
        // the quick start's command run again: a warning here told users to wipe their data (2026-12-04)
        assertNull(UserBootstrap.ignoredBecause(Optional.of(true)));
    }

    @Test
    void anotherPasswordIsNamedAsSuch() {
        assertEquals("the operator 'admin' already exists with another password",
                UserBootstrap.ignoredBecause(Optional.of(false)));
    }

    @Test
    void noAdminIsNamedAsSuch() {
        assertEquals("there is no user 'admin' (users already exist)", UserBootstrap.ignoredBecause(Optional.empty()));
    }
}
