package dev.livestorejvm.benchmarks;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Properties;

/**
 * One database file taking durable commits: an autocommit single-row insert at
 * {@code synchronous=FULL}, on this engine or on native SQLite (xerial) in the same journal mode.
 * WAL runs in exclusive locking mode on both sides, the only WAL the engine's relayed VFS supports;
 * {@code livestore-batch} is the engine's batch-atomic VFS (DELETE mode, one fdatasync per commit).
 */
final class DurableTarget implements AutoCloseable {
    static final List<String> KINDS = List.of("livestore-delete", "native-delete", "livestore-wal", "native-wal", "livestore-batch");

    private SqliteRuntime runtime;
    private Database db;
    private dev.livestorejvm.sqlite.Statement insert;
    private Connection jdbc;
    private PreparedStatement jdbcInsert;
    private long n;

    DurableTarget(String kind, Path file) throws Exception {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown target " + kind + " (one of " + String.join(", ", KINDS) + ")");
        }
        boolean wal = kind.endsWith("-wal");
        String pragmas = (wal ? "PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL;" : "PRAGMA journal_mode=DELETE;")
            + " PRAGMA synchronous=FULL; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
        if (kind.startsWith("livestore")) {
            runtime = SqliteRuntime.create();
            db = kind.equals("livestore-batch")
                ? runtime.open(file.toString(), SqliteRuntime.DEFAULT_OPEN_FLAGS, SqliteRuntime.FILE_BATCH_ATOMIC_VFS)
                : runtime.open(file.toString());
            db.exec(pragmas);
            insert = db.prepare("INSERT INTO t(v) VALUES (?)");
        } else {
            jdbc = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
            try (java.sql.Statement s = jdbc.createStatement()) {
                for (String p : pragmas.split(";")) s.execute(p.trim());
            }
            jdbcInsert = jdbc.prepareStatement("INSERT INTO t(v) VALUES (?)");
        }
    }

    /** One commit; returns the rows changed (1). */
    long commit() throws Exception {
        String v = "row " + (++n);
        if (insert != null) return insert.bindText(1, v).executeUpdate();
        jdbcInsert.setString(1, v);
        return jdbcInsert.executeUpdate();
    }

    @Override
    public void close() throws Exception {
        if (insert != null) {
            insert.close();
            db.close();
            runtime.close();
        } else {
            jdbcInsert.close();
            jdbc.close();
        }
    }
}
