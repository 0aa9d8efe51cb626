package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.platform.control.DataSourceChoice;
import com.hcc.webhooks.platform.control.Migrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The application's data source: the built-in definition below ({@link com.hcc.webhooks.platform.control.LocalDataSource}:
 * an H2 file database in the data directory by default, MariaDB by URL, user and password from MicroProfile
 * Config), or the server's JDBC resource that {@code hcc.db.jndi} names; and the schema migrations, run against it
 * before anything else touches the database (docs/configuration.md).
 */
@DataSourceDefinition(
        name = Database.DATA_SOURCE,
        className = "com.hcc.webhooks.platform.control.LocalDataSource",
        minPoolSize = 2,
        maxPoolSize = 48,
        maxIdleTime = 300,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                // Connection.isValid pings the server: after a database restart, dead connections are found
                // (meta-data validation passed them: the driver answers it without the network)
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                // at most once a second per connection: a busy pool pinged on every allocation, two round trips
                // per transaction (docs/performance.md, 2026-12-03 fifth part); a restart is found within a second
                "fish.payara.validate-atmost-once-period-in-seconds=1",
                "fish.payara.fail-all-connections=true"
        })
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Database {

    public static final String DATA_SOURCE = DataSourceChoice.BUILT_IN;
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** The built-in definition, or the operator's JDBC resource (hcc.db.jndi): the one the entities use. */
    DataSource dataSource;

    private int schemaVersion;

    /**
     * Outside any transaction, and said on the callback itself (the class-level attribute covers business
     * methods only): MariaDB refuses DDL inside the XA transaction a lifecycle callback would otherwise get.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        String name = DataSourceChoice.name();
        try {
            dataSource = (DataSource) new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("no data source " + name + (name.equals(DATA_SOURCE) ? ""
                    : " (hcc.db.jndi: create it with asadmin create-jdbc-resource, docs/operations.md)"), e);
        }
        try (Connection c = dataSource.getConnection()) {
            schemaVersion = new Migrator(file -> Database.class.getClassLoader().getResourceAsStream(file)).migrate(c);
            String product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            LOG.info(() -> "Database " + product + " at schema version " + schemaVersion + ", data source " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }

    /** Callers that may run before start-up finished (the MDB) call this to wait for the migrations. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** For readiness: true when a connection answers within the timeout. */
    public boolean reachable(int timeoutSeconds) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }
}
