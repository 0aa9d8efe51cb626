package com.hcc.webhooks.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OrderGuardTest {

    @Test
    void aLockNamesItsRowsRoundedUpToAPowerOfTwo() {
        assertEquals(1, OrderGuard.lockStatementSize(1));
        assertEquals(2, OrderGuard.lockStatementSize(2));
        assertEquals(4, OrderGuard.lockStatementSize(3));
        assertEquals(4, OrderGuard.lockStatementSize(4));
        assertEquals(8, OrderGuard.lockStatementSize(5));
        assertEquals(128, OrderGuard.lockStatementSize(100));
        assertEquals(OrderGuard.LOCK_ROWS, OrderGuard.lockStatementSize(OrderGuard.LOCK_ROWS), "every row at most");
    }

    @Test
    void aLockStatementHasOneParameterPerRowAndLocksInAscendingOrder() {
        assertEquals("SELECT bucket FROM ordering_lock WHERE bucket IN (?1) ORDER BY bucket FOR UPDATE",
                OrderGuard.lockStatement(1));
        assertEquals("SELECT bucket FROM ordering_lock WHERE bucket IN (?1, ?2, ?3, ?4) ORDER BY bucket FOR UPDATE",
                OrderGuard.lockStatement(4));
    }
}
