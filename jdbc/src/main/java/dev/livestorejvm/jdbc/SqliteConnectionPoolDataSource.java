package dev.livestorejvm.jdbc;

import java.sql.SQLException;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.PooledConnection;

/**
 * A {@link ConnectionPoolDataSource} for pools that keep physical connections themselves and hand
 * out logical ones (Apache DBCP's {@code SharedPoolDataSource}, application servers): each
 * {@link #getPooledConnection()} opens one physical connection on the configured URL and
 * properties. Closing a logical connection rolls back its open transaction, closes its statements,
 * turns auto-commit back on and tells the pool's {@link javax.sql.ConnectionEventListener}s; the
 * physical connection stays open until {@link PooledConnection#close()}.
 */
public class SqliteConnectionPoolDataSource extends SqliteDataSource implements ConnectionPoolDataSource {
    public SqliteConnectionPoolDataSource() {
    }

    public SqliteConnectionPoolDataSource(String url) {
        super(url);
    }

    @Override
    public PooledConnection getPooledConnection() throws SQLException {
        return new JdbcPooledConnection((JdbcConnection) getConnection());
    }

    /** SQLite has no users: the credentials are ignored. */
    @Override
    public PooledConnection getPooledConnection(String user, String password) throws SQLException {
        return getPooledConnection();
    }
}
