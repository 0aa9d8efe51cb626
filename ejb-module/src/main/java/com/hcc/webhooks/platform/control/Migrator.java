package com.hcc.webhooks.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Versioned schema migrations: scripts named {@code V<n>__<what>.sql}, listed in order in
 * {@code db/migrations.txt}, each applied once and recorded with its checksum in {@code schema_version}.
 * An applied script that was edited afterwards stops the start-up rather than leaving two databases that
 * claim the same version but differ. On MariaDB several instances starting together serialise on a named
 * lock; H2 is embedded in one process.
 */
public final class Migrator {

    private static final Logger LOG = Logger.getLogger(Migrator.class.getName());
    static final String INDEX = "db/migrations.txt";
    /** The script that made the id sequence, which {@link #alignIdSequence} keeps past every table's ids. */
    static final int ID_SEQUENCE_SINCE = 9;
    /** The sequence of the entities' ids, and the tables whose ids it gives; a new table with ids joins here. */
    static final String ID_SEQUENCE = com.hcc.webhooks.platform.entity.BaseEntity.ID_SEQUENCE;
    static final List<String> ID_TABLES = List.of("account", "access_credential", "webhook", "inbound_event", "delivery",
            "delivery_attempt", "app_user", "api_token");
    /** The sequence's increment: the block of ids an instance takes at once. */
    static final int ID_BLOCK = com.hcc.webhooks.platform.entity.BaseEntity.ID_BLOCK;

    private final Function<String, InputStream> resources;

    /** @param resources opens a classpath resource by name, null when absent */
    public Migrator(Function<String, InputStream> resources) {
        this.resources = resources;
    }

    public record Script(int version, String name, String sql, String checksum) {
    }

    /** @return the schema version after migrating */
    public int migrate(Connection c) throws SQLException {
        boolean mariadb = c.getMetaData().getDatabaseProductName().toLowerCase().contains("mariadb")
                || c.getMetaData().getDatabaseProductName().toLowerCase().contains("mysql");
        c.setAutoCommit(true);
        if (mariadb) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT GET_LOCK('hcc_schema', 300)")) {
                if (!r.next() || r.getInt(1) != 1) {
                    throw new SQLException("could not take the schema migration lock within 300 s");
                }
            }
        }
        try {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY,"
                        + " script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at DATETIME(3) NOT NULL)");
            }
            int current = 0;
            List<Script> scripts = scripts();
            for (Script script : scripts) {
                String applied = appliedChecksum(c, script.version());
                if (applied == null) {
                    apply(c, script);
                } else if (!applied.equals(script.checksum())) {
                    throw new SQLException("schema script " + script.name() + " was changed after it was applied"
                            + " (checksum " + applied + " in the database, " + script.checksum() + " now)."
                            + " Restore it and add a new migration instead.");
                }
                current = script.version();
            }
            if (current >= ID_SEQUENCE_SINCE) {
                alignIdSequence(c, mariadb);
            }
            return current;
        } finally {
            if (mariadb) {
                try (Statement s = c.createStatement()) {
                    s.execute("DO RELEASE_LOCK('hcc_schema')");
                }
            }
        }
    }

    /**
     * Moves the id sequence past the largest id in any table, so that no block it gives out holds an id already
     * used: ids written before the sequence existed (AUTO_INCREMENT), or by hand. Run at every start, under the
     * schema lock on MariaDB, whose {@code SETVAL} never moves a sequence back; H2 is one process.
     */
    static void alignIdSequence(Connection c, boolean mariadb) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT MAX(m) FROM (");
        for (int i = 0; i < ID_TABLES.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT MAX(id) AS m FROM ").append(ID_TABLES.get(i));
        }
        long largest;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.append(") ids").toString())) {
            largest = r.next() ? r.getLong(1) : 0;
        }
        // the next value the sequence gives is the last id of its block: at least a block above the largest id
        long floor = largest + ID_BLOCK;
        try (Statement s = c.createStatement()) {
            if (mariadb) {
                s.execute("SELECT SETVAL(" + ID_SEQUENCE + ", " + floor + ")");
                return;
            }
            try (ResultSet r = s.executeQuery("SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = '"
                    + ID_SEQUENCE.toUpperCase(java.util.Locale.ROOT) + "'")) {
                if (r.next() && r.getLong(1) >= floor) {
                    return;
                }
            }
            s.execute("ALTER SEQUENCE " + ID_SEQUENCE + " RESTART WITH " + floor);
        }
    }

    private static String appliedChecksum(Connection c, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checksum FROM schema_version WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static void apply(Connection c, Script script) throws SQLException {
        LOG.info(() -> "Applying schema migration " + script.name());
        try (Statement s = c.createStatement()) {
            for (String statement : statements(script.sql())) {
                s.execute(statement);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_version (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, script.version());
            ps.setString(2, script.name());
            ps.setString(3, script.checksum());
            ps.setTimestamp(4, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
            ps.executeUpdate();
        }
    }

    public List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        int previous = 0;
        for (String line : read(INDEX).split("\n")) {
            String name = line.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (!name.matches("V\\d+__[A-Za-z0-9_]+\\.sql")) {
                throw new IllegalStateException("migration name " + name + " is not V<n>__<what>.sql");
            }
            int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
            if (version <= previous) {
                throw new IllegalStateException("migration " + name + " is out of order in " + INDEX);
            }
            String sql = read("db/migration/" + name);
            scripts.add(new Script(version, name, sql, checksum(sql)));
            previous = version;
        }
        return scripts;
    }

    /** Splits on semicolons that end a line, dropping comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    static String checksum(String sql) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String read(String name) {
        try (InputStream in = resources.apply(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
