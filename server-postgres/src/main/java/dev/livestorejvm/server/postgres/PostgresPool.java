package dev.livestorejvm.server.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Properties;

/** The node's connection pool (HikariCP) for pushes, pulls and admin; the doorbell keeps its own connection outside it. */
final class PostgresPool {
    private PostgresPool() {}

    static HikariDataSource open(String jdbcUrl, Properties connectionProperties, int maxConnections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setDataSourceProperties(connectionProperties);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(2, maxConnections));
        config.setPoolName("livestore-sync-postgres");
        config.setConnectionTimeout(10_000);
        // a push is one short transaction; READ COMMITTED is what the conditional head update relies on
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new HikariDataSource(config);
    }
}
