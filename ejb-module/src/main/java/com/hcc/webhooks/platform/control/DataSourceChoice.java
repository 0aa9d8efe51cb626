package com.hcc.webhooks.platform.control;

import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Which data source the application uses: the JDBC resource an operator created on the server, when
 * {@code hcc.db.jndi} names one (e.g. {@code jdbc/hcc}, made with {@code asadmin create-jdbc-resource}), else the
 * built-in definition {@code java:app/jdbc/hcc} ({@link LocalDataSource}). persistence.xml names the built-in one
 * (its {@code jta-data-source} cannot be configured); {@link PersistenceSetup}, run by EclipseLink before the
 * persistence unit logs in, has every connection pool of the unit pointed at the operator's resource instead. Database.migrate
 * asks {@link #name()} too, so the migrations and the entities use the same database.
 */
public final class DataSourceChoice {

    public static final String BUILT_IN = "java:app/jdbc/hcc";
    private static final Logger LOG = Logger.getLogger(DataSourceChoice.class.getName());

    /** The operator's JDBC resource, when configured. */
    public static Optional<String> configured() {
        return ConfigProvider.getConfig(DataSourceChoice.class.getClassLoader())
                .getOptionalValue("hcc.db.jndi", String.class).map(String::strip).filter(n -> !n.isEmpty());
    }

    /** The JNDI name of the data source in use. */
    public static String name() {
        return configured().orElse(BUILT_IN);
    }

    private DataSourceChoice() {
    }

    static void customize(Session session) {
        configured().ifPresent(name -> {
            LOG.info(() -> "Persistence unit on the server's JDBC resource " + name + " (hcc.db.jndi)");
            point((DatasourceLogin) session.getDatasourceLogin(), name);
            if (session instanceof ServerSession server) {
                point(server.getReadConnectionPool(), name);
                server.getConnectionPools().values().forEach(pool -> point(pool, name));
            }
        });
    }

    private static void point(ConnectionPool pool, String name) {
        if (pool != null && pool.getLogin() instanceof DatasourceLogin login) {
            point(login, name);
        }
    }

    private static void point(DatasourceLogin login, String name) {
        if (login.getConnector() instanceof JNDIConnector) {
            login.setConnector(new JNDIConnector(name));
        }
    }
}
