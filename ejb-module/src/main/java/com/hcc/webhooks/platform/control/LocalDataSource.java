package com.hcc.webhooks.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The product's data source class (the default of {@code hcc.db.driver}): a plain {@link DataSource} over the JDBC
 * driver that the URL names, MariaDB or H2. Payara pools it with local transactions. The drivers' own data source
 * classes also implement {@code XADataSource}, and Payara then runs every transaction as XA (XA START, XA END,
 * XA COMMIT: three more round trips per transaction, and MariaDB's XA bookkeeping). No transaction here ever
 * spans two resources (docs/architecture.md), so XA bought nothing; the delivery benchmark measured its cost.
 * Connections are read committed. Payara sets {@code url}, {@code user} and {@code password} through the setters.
 */
public class LocalDataSource implements DataSource {

    private String url;
    private String user;
    private String password;
    private int loginTimeout;
    private PrintWriter logWriter;
    private volatile Driver driver;

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getUser() {
        return user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
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
        Connection c = driver().connect(url, p);
        if (c == null) {
            throw new SQLException("The JDBC driver does not accept hcc.db.url (it may hold a password: not shown)");
        }
        // Read committed, as H2 has by default: each statement sees what is committed, and MariaDB takes no gap
        // locks, which deadlocked the ordering check against status updates under load (repeatable read)
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    private Driver driver() throws SQLException {
        Driver d = driver;
        if (d == null) {
            d = driverFor(url);
            driver = d;
        }
        return d;
    }

    /** The driver class for a JDBC URL, loaded from the application (the server's DriverManager cannot see it). */
    static Driver driverFor(String url) throws SQLException {
        if (url == null) {
            throw new SQLException("hcc.db.url is not set");
        }
        String name = url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:") ? "org.mariadb.jdbc.Driver"
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
