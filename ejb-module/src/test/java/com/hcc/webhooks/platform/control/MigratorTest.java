package com.hcc.webhooks.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real migrations against a real (in-memory) H2 in the mode the product uses. */
class MigratorTest {

    private final Migrator real = new Migrator(name -> Migrator.class.getClassLoader().getResourceAsStream(name));

    private static Connection h2(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:" + name + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
    }

    @Test
    void createsTheSchemaOnceAndIsIdempotent() throws Exception {
        try (Connection c = h2("once")) {
            int version = real.migrate(c);
            assertEquals(real.scripts().get(real.scripts().size() - 1).version(), version);
            assertEquals(version, real.migrate(c), "a second run applies nothing");
            try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version")) {
                r.next();
                assertEquals(real.scripts().size(), r.getInt(1));
            }
            c.createStatement().execute("INSERT INTO account (row_version, created_at, updated_at, account_id, name)"
                    + " VALUES (0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '12345678', 'Acme')");
        }
    }

    @Test
    void anUpgradeKeepsTheDataAlreadyThere() throws Exception {
        try (Connection c = h2("upgrade")) {
            real.migrate(c);
            c.createStatement().execute("INSERT INTO account (row_version, created_at, updated_at, account_id, name)"
                    + " VALUES (0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'kept', 'Kept')");
            // the real migrations, then one more, as the next release would ship it
            Migrator upgraded = new Migrator(name -> {
                try {
                    if (name.equals(Migrator.INDEX)) {
                        String index = new String(Migrator.class.getClassLoader().getResourceAsStream(name).readAllBytes(),
                                StandardCharsets.UTF_8);
                        return new ByteArrayInputStream((index + "\nV999__account_region.sql\n").getBytes(StandardCharsets.UTF_8));
                    }
                    if (name.endsWith("V999__account_region.sql")) {
                        return new ByteArrayInputStream("ALTER TABLE account ADD COLUMN region VARCHAR(16) DEFAULT 'us' NOT NULL;\n"
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    return Migrator.class.getClassLoader().getResourceAsStream(name);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertEquals(999, upgraded.migrate(c));
            try (ResultSet r = c.createStatement().executeQuery("SELECT name, region FROM account WHERE account_id = 'kept'")) {
                assertTrue(r.next());
                assertEquals("Kept", r.getString(1));
                assertEquals("us", r.getString(2));
            }
        }
    }

    @Test
    void theIdSequenceGivesOnlyIdsAboveThoseAlreadyInAnyTable() throws Exception {
        try (Connection c = h2("ids")) {
            real.migrate(c);
            // a row written before the sequence existed (an AUTO_INCREMENT id), or by hand
            c.createStatement().execute("INSERT INTO account (id, row_version, created_at, updated_at, account_id, name)"
                    + " VALUES (12345, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '12345678', 'Acme')");
            real.migrate(c); // the next start
            long last = nextValue(c);
            assertTrue(last - Migrator.ID_BLOCK + 1 > 12345, "the block " + (last - Migrator.ID_BLOCK + 1) + "-" + last
                    + " lies above the ids in the tables");
            assertEquals(last + Migrator.ID_BLOCK, nextValue(c), "one block after the other");
            real.migrate(c);
            assertTrue(nextValue(c) > last + Migrator.ID_BLOCK, "a start never moves the sequence back");
        }
    }

    private static long nextValue(Connection c) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery("SELECT NEXT VALUE FOR " + Migrator.ID_SEQUENCE)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void refusesAnAppliedScriptThatWasEdited() throws Exception {
        try (Connection c = h2("edited")) {
            real.migrate(c);
            Migrator edited = new Migrator(name -> {
                String text = name.equals(Migrator.INDEX) ? "V001__initial_schema.sql\n"
                        : "CREATE TABLE something_else (id INT);\n";
                return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            });
            SQLException e = assertThrows(SQLException.class, () -> edited.migrate(c));
            assertTrue(e.getMessage().contains("was changed after it was applied"));
        }
    }

    @Test
    void splitsStatementsAndSkipsComments() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"),
                Migrator.statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n"));
    }
}
