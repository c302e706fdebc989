package dev.livestorejvm.server.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The tables, created on first use by whichever node comes first. A transaction-scoped advisory lock
 * serializes that creation: concurrent {@code CREATE TABLE IF NOT EXISTS} can fail on the catalog's unique index.
 * {@code livestore_sync_format} records the layout's version, so a later layout can refuse (or migrate) an older one.
 */
final class PostgresSchema {
    static final int FORMAT = 1;
    /** The NOTIFY channel every node LISTENs on; payload {@code <head> <storeId>}. */
    static final String CHANNEL = "livestore_sync";
    private static final long CREATE_LOCK = 0x6c69766573746f72L; // "livestor"

    private PostgresSchema() {}

    static void ensure(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")");
                s.execute("""
                    CREATE TABLE IF NOT EXISTS livestore_sync_format (
                      format int NOT NULL
                    )""");
                s.execute("""
                    CREATE TABLE IF NOT EXISTS livestore_sync_stores (
                      store_id   text PRIMARY KEY,
                      backend_id text NOT NULL,
                      head       bigint NOT NULL DEFAULT 0
                    )""");
                // args and metadata kept as JSON text (not jsonb) so pulls return them byte for byte.
                s.execute("""
                    CREATE TABLE IF NOT EXISTS livestore_sync_events (
                      store_id   text NOT NULL,
                      seq        bigint NOT NULL,
                      parent_seq bigint NOT NULL,
                      name       text NOT NULL,
                      args       text NOT NULL,
                      client_id  text NOT NULL,
                      session_id text NOT NULL,
                      metadata   text,
                      PRIMARY KEY (store_id, seq)
                    )""");
                try (ResultSet rs = s.executeQuery("SELECT format FROM livestore_sync_format")) {
                    if (!rs.next()) {
                        s.execute("INSERT INTO livestore_sync_format VALUES (" + FORMAT + ")");
                    } else if (rs.getInt(1) != FORMAT) {
                        throw new SQLException("the database holds sync-server format " + rs.getInt(1)
                            + "; this server reads format " + FORMAT);
                    }
                }
            }
            c.commit();
        }
    }
}
