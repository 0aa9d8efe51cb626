package com.hcc.webhooks.platform.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The product's built-in data source (Database's {@code @DataSourceDefinition}): a plain {@link DataSource} over the
 * JDBC driver that {@code hcc.db.url} names, MariaDB or H2, pooled by Payara with local transactions. It reads
 * {@code hcc.db.url}, {@code hcc.db.user} and {@code hcc.db.password} from MicroProfile Config itself, when the
 * first connection is made: Payara resolves {@code @DataSourceDefinition} attributes while deploying, from the
 * server's system properties and environment only, so defaults written there would live in the launcher. Here
 * they live in the application: without {@code hcc.db.url}, an H2 file database in {@code hcc.data-dir}.
 * The drivers' own data source classes also implement {@code XADataSource}, and Payara then runs every transaction
 * as XA (three more round trips per transaction); no transaction here spans two resources (docs/architecture.md).
 * Connections are read committed.
 */
public class LocalDataSource implements DataSource {

    /**
     * WRITE_DELAY=0: a commit is in the file when it returns. H2's default writes commits up to a second later,
     * and a stop or crash in that second lost them: an event already answered 202 or acknowledged to the broker,
     * or an attempt recorded, so the request was sent again (EmbeddedDefaultsIT; docs/configuration.md).
     */
    static final String H2_OPTIONS = ";MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    private volatile Settings settings;
    private int loginTimeout;
    private PrintWriter logWriter;
    private volatile Driver driver;

    /** Payara's constructor: the settings come from MicroProfile Config at the first connection. */
    public LocalDataSource() {
    }

    LocalDataSource(Settings settings) {
        this.settings = settings;
    }

    /** Where the database is, and as whom: from MicroProfile Config, or the embedded default. */
    record Settings(String url, String user, String password) {
        static Settings from(Function<String, Optional<String>> config) {
            Optional<String> url = config.apply("hcc.db.url").filter(u -> !u.isBlank());
            if (url.isPresent()) {
                return new Settings(url.get(), config.apply("hcc.db.user").orElse(null),
                        config.apply("hcc.db.password").orElse(null));
            }
            String dir = config.apply("hcc.data-dir").filter(d -> !d.isBlank())
                    .orElseThrow(() -> new IllegalStateException("neither hcc.db.url nor hcc.data-dir is set"));
            return new Settings("jdbc:h2:file:" + Path.of(dir, "db", "hcc").toAbsolutePath() + H2_OPTIONS,
                    config.apply("hcc.db.user").orElse("hcc"), config.apply("hcc.db.password").orElse("hcc"));
        }

        @Override
        public String toString() {
            return "Settings[" + url.replaceAll("(?i)(password=)[^;&]*", "$1****") + ", user " + user + "]";
        }
    }

    private Settings settings() {
        Settings s = settings;
        if (s == null) {
            Config config = ConfigProvider.getConfig(LocalDataSource.class.getClassLoader());
            s = Settings.from(key -> config.getOptionalValue(key, String.class));
            settings = s;
        }
        return s;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Settings s = settings();
        return getConnection(s.user(), s.password());
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        Properties p = new Properties();
        if (username != null) {
            p.setProperty("user", username);
        }
        if (pass != null) {
            p.setProperty("password", pass);
        }
        String url = settings().url();
        boolean mariaDb = isMariaDb(url);
        if (mariaDb && !url.contains(SERVER_PREPARED)) {
            p.setProperty(SERVER_PREPARED, "true");
        }
        Connection c = driver().connect(url, p);
        if (c == null) {
            throw new SQLException("The JDBC driver does not accept hcc.db.url (it may hold a password: not shown)");
        }
        // Read committed, as H2 has by default: each statement sees what is committed, and MariaDB takes no gap
        // locks, which deadlocked the ordering check against status updates under load (repeatable read)
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return mariaDb ? withoutGeneratedKeys(c) : c;
    }

    /**
     * MariaDB's driver option for statements prepared on the server, once per connection (the driver keeps them):
     * each execution then sends only its values, and neither the driver nor the server parses the SQL again. The
     * engine runs the same few statements all the time; in the delivery benchmark this took the p99 at 500
     * events/s from 154 to 94-114 ms and MariaDB's CPU per delivery from 0.75 to 0.67-0.68 ms (docs/performance.md).
     * On by default for MariaDB; a URL that sets the option ({@code useServerPrepStmts=false}) decides.
     */
    static final String SERVER_PREPARED = "useServerPrepStmts";

    /**
     * The connection, with {@code prepareStatement(sql, TYPE_FORWARD_ONLY, CONCUR_READ_ONLY)} taken as plain
     * {@code prepareStatement(sql)}, which is what it means. Payara's pool prepares every statement that way, and
     * MariaDB's driver then asks the server for generated keys, which rules out its bulk command: a JDBC batch
     * (the rows of one table that an EclipseLink flush writes) then goes as one statement per row instead of one
     * COM_STMT_BULK_EXECUTE for all (docs/performance.md, "Bulk inserts"). No code here reads generated keys: ids
     * come from the sequence (IdSequence). Everything else goes to the driver's connection unchanged.
     */
    static Connection withoutGeneratedKeys(Connection c) {
        return (Connection) Proxy.newProxyInstance(LocalDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement" -> {
                            if (args.length == 3 && args[1] instanceof Integer type && args[2] instanceof Integer concurrency
                                    && type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY) {
                                return c.prepareStatement((String) args[0]);
                            }
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "toString" -> {
                            return "LocalDataSource connection over " + c;
                        }
                        default -> {
                        }
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Driver driver() throws SQLException {
        Driver d = driver;
        if (d == null) {
            d = driverFor(settings().url());
            driver = d;
        }
        return d;
    }

    /** A URL MariaDB's driver takes (it takes MySQL's too). */
    private static boolean isMariaDb(String url) {
        return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
    }

    /** The driver class for a JDBC URL, loaded from the application (the server's DriverManager cannot see it). */
    static Driver driverFor(String url) throws SQLException {
        if (url == null) {
            throw new SQLException("hcc.db.url is not set");
        }
        String name = isMariaDb(url) ? "org.mariadb.jdbc.Driver"
                : url.startsWith("jdbc:h2:") ? "org.h2.Driver" : null;
        if (name == null) {
            return DriverManager.getDriver(url);
        }
        try {
            return (Driver) Class.forName(name, true, LocalDataSource.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("The JDBC driver " + name + " is not in the application", e);
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
