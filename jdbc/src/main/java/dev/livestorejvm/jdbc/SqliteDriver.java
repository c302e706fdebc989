package dev.livestorejvm.jdbc;

import dev.livestorejvm.jdbc.ConnectionConfig.Param;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:livestore-sqlite:} URLs. The prefix is its own, so that xerial's
 * and sqlite4j's drivers (both {@code jdbc:sqlite:}) can sit on the same class path without
 * {@link DriverManager} handing a URL to the wrong one.
 *
 * <pre>
 * jdbc:livestore-sqlite:/var/data/app.db?busy_timeout=5000&amp;foreign_keys=true
 * jdbc:livestore-sqlite::memory:                        (private to the connection)
 * jdbc:livestore-sqlite:file:cache?vfs=memory           (named, shared by this JVM's connections)
 * jdbc:livestore-sqlite:file:/var/data/app.db?mode=ro   (SQLite URI parameters kept as SQLite reads them)
 * </pre>
 *
 * Driver parameters go in the URL or in {@link Properties}: see {@link #getPropertyInfo}.
 */
public final class SqliteDriver implements Driver {
    /** The URL prefix this driver accepts. */
    public static final String PREFIX = ConnectionConfig.PREFIX;

    static {
        try {
            DriverManager.registerDriver(new SqliteDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) return null;   // JDBC: another driver's URL
        return new JdbcConnection(ConnectionConfig.parse(url, info));
    }

    @Override
    public boolean acceptsURL(String url) {
        return ConnectionConfig.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        Param[] params = Param.values();
        DriverPropertyInfo[] out = new DriverPropertyInfo[params.length];
        for (int i = 0; i < params.length; i++) {
            Param p = params[i];
            String given = info == null ? null : info.getProperty(p.key());
            out[i] = new DriverPropertyInfo(p.key(), given != null ? given : p.defaultValue);
            out[i].description = p.description;
            out[i].required = false;
        }
        return out;
    }

    @Override
    public int getMajorVersion() {
        return Version.MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return Version.MINOR;
    }

    /** Not fully JDBC compliant: SQLite lacks parts of SQL-92 Entry Level that compliance requires. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw Errors.unsupported("java.util.logging");
    }
}
