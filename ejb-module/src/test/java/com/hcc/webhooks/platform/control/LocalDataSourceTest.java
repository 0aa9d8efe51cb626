package com.hcc.webhooks.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
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
        LocalDataSource ds = new LocalDataSource(new LocalDataSource.Settings("jdbc:h2:mem:local-ds-test;DB_CLOSE_DELAY=-1",
                "hcc", "hcc"));
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
        LocalDataSource ds = new LocalDataSource(new LocalDataSource.Settings("jdbc:nosuchdb://db/hcc?password=s3cret-value",
                null, null));
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertFalse(String.valueOf(e.getMessage()).contains("s3cret"), e.getMessage());
    }

    @Test
    void withoutAUrlTheDatabaseIsAnH2FileInTheDataDirectory() {
        Map<String, String> config = Map.of("hcc.data-dir", "/var/lib/hcc");
        LocalDataSource.Settings s = LocalDataSource.Settings.from(k -> Optional.ofNullable(config.get(k)));
        assertEquals("jdbc:h2:file:/var/lib/hcc/db/hcc;MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", s.url());
        assertEquals("hcc", s.user());
        assertEquals("hcc", s.password());
    }

    @Test
    void aUrlComesWithItsOwnUserAndPassword() {
        Map<String, String> config = Map.of("hcc.data-dir", "/var/lib/hcc", "hcc.db.url", "jdbc:mariadb://db:3306/hcc",
                "hcc.db.user", "app", "hcc.db.password", "pw-1");
        LocalDataSource.Settings s = LocalDataSource.Settings.from(k -> Optional.ofNullable(config.get(k)));
        assertEquals(new LocalDataSource.Settings("jdbc:mariadb://db:3306/hcc", "app", "pw-1"), s);
        assertFalse(s.toString().contains("pw-1"), s.toString());
    }

    @Test
    void aPasswordInTheUrlIsNotShown() {
        LocalDataSource.Settings s = new LocalDataSource.Settings("jdbc:mariadb://db/hcc?user=a&password=s3cret&x=1", null, null);
        assertFalse(s.toString().contains("s3cret"), s.toString());
    }

    @Test
    void neitherAUrlNorADataDirectoryIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LocalDataSource.Settings.from(k -> Optional.empty()));
        assertTrue(e.getMessage().contains("hcc.db.url"), e.getMessage());
    }
}
