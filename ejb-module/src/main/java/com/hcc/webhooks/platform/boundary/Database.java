package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.platform.control.Migrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
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
import javax.sql.DataSource;

/**
 * The application's one data source, configured by MicroProfile Config (H2 file database by default,
 * MariaDB by URL, user and password: docs/configuration.md), and the schema migrations run against it
 * before anything else touches the database.
 */
@DataSourceDefinition(
        name = Database.DATA_SOURCE,
        className = "${MPCONFIG=hcc.db.driver}",
        url = "${MPCONFIG=hcc.db.url}",
        user = "${MPCONFIG=hcc.db.user}",
        password = "${MPCONFIG=hcc.db.password}",
        minPoolSize = 2,
        maxPoolSize = 48,
        maxIdleTime = 300,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                // Connection.isValid pings the server: after a database restart, dead connections are found
                // (meta-data validation passed them: the driver answers it without the network)
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.fail-all-connections=true"
        })
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Database {

    public static final String DATA_SOURCE = "java:app/jdbc/hcc";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    private int schemaVersion;

    /**
     * Outside any transaction, and said on the callback itself (the class-level attribute covers business
     * methods only): MariaDB refuses DDL inside the XA transaction a lifecycle callback would otherwise get.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        try (Connection c = dataSource.getConnection()) {
            schemaVersion = new Migrator(name -> Database.class.getClassLoader().getResourceAsStream(name)).migrate(c);
            String product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            LOG.info(() -> "Database " + product + " at schema version " + schemaVersion);
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
