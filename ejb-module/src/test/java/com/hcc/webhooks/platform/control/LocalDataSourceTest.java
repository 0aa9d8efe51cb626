package com.hcc.webhooks.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.XADataSource;
import org.junit.jupiter.api.Test;

class LocalDataSourceTest {

    @Test
    void isAPlainDataSourceSoPayaraPoolsItWithLocalTransactions() {
        // Payara makes an XA pool of any class that implements XADataSource (then a ConnectionPoolDataSource pool)
        assertFalse(XADataSource.class.isAssignableFrom(LocalDataSource.class));
        assertFalse(ConnectionPoolDataSource.class.isAssignableFrom(LocalDataSource.class));
    }

    @Test
    void connectsWithTheDriverTheUrlNames() throws SQLException {
        LocalDataSource ds = new LocalDataSource();
        ds.setUrl("jdbc:h2:mem:local-ds-test;DB_CLOSE_DELAY=-1");
        ds.setUser("hcc");
        ds.setPassword("hcc");
        try (Connection c = ds.getConnection(); ResultSet r = c.createStatement().executeQuery("SELECT 41 + 1")) {
            assertTrue(r.next());
            assertEquals(42, r.getInt(1));
            assertTrue(c.getAutoCommit(), "a plain connection: the pool runs the transactions");
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
        }
        assertEquals("org.mariadb.jdbc.Driver",
                LocalDataSource.driverFor("jdbc:mariadb://127.0.0.1:3306/hcc").getClass().getName());
    }

    @Test
    void anUnknownUrlIsRefusedWithoutShowingIt() {
        LocalDataSource ds = new LocalDataSource();
        ds.setUrl("jdbc:nosuchdb://db/hcc?password=s3cret-value");
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertFalse(String.valueOf(e.getMessage()).contains("s3cret"), e.getMessage());
    }
}
