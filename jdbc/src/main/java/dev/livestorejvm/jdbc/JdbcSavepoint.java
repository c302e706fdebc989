package dev.livestorejvm.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint: SQLite's SAVEPOINT, named by the caller or numbered by the connection. */
final class JdbcSavepoint implements Savepoint {
    private final int id;
    private final String name;

    JdbcSavepoint(int id, String name) {
        this.id = id;
        this.name = name;
    }

    /** The name SQLite knows it by. */
    String sqlName() {
        return name != null ? name : "jdbc_sp_" + id;
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) throw Errors.misuse("a named savepoint has no id");
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) throw Errors.misuse("an unnamed savepoint has no name");
        return name;
    }
}
