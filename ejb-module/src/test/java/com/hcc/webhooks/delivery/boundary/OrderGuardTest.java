package com.hcc.webhooks.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OrderGuardTest {

    @Test
    void aLockStatementHasOneParameterPerRowAndLocksInAscendingOrder() {
        assertEquals("SELECT bucket FROM ordering_lock WHERE bucket IN (?1) ORDER BY bucket FOR UPDATE",
                OrderGuard.lockStatement(1));
        assertEquals("SELECT bucket FROM ordering_lock WHERE bucket IN (?1, ?2, ?3, ?4) ORDER BY bucket FOR UPDATE",
                OrderGuard.lockStatement(4));
    }
}
