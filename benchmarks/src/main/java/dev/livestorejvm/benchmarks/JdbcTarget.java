package dev.livestorejvm.benchmarks;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * W1 through JDBC. xerial's and sqlite4j's drivers both claim {@code jdbc:sqlite:}, so each driver
 * class is instantiated directly instead of asking {@link java.sql.DriverManager}.
 */
final class JdbcTarget implements W1Target {
    private final Connection c;

    private JdbcTarget(Connection c) {
        this.c = c;
    }

    private JdbcTarget(Driver driver) throws Exception {
        this(driver.connect("jdbc:sqlite::memory:", new Properties()));
        if (c == null) throw new IllegalStateException(driver.getClass().getName() + " refused jdbc:sqlite::memory:");
    }

    /** This engine behind its own JDBC driver (module {@code jdbc}). */
    static JdbcTarget livestore() throws Exception {
        return new JdbcTarget(java.sql.DriverManager.getConnection("jdbc:livestore-sqlite::memory:"));
    }

    /** Native SQLite (a JNI library bundled in org.xerial:sqlite-jdbc). */
    static JdbcTarget xerial() throws Exception {
        return new JdbcTarget(new org.sqlite.JDBC());
    }

    /** io.roastedroot:sqlite4j: SQLite compiled to wasm, run by Chicory. */
    static JdbcTarget sqlite4j() throws Exception {
        return new JdbcTarget(new io.roastedroot.sqlite4j.JDBC());
    }

    @Override
    public void reset() throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(DROP);
            s.execute(CREATE);
        }
    }

    @Override
    public void insert(int n) throws Exception {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 1; i <= n; i++) {
                ps.setLong(1, i);
                ps.setString(2, W1Target.name(i));
                ps.executeUpdate();
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    @Override
    public long pointSelects(int n) throws Exception {
        long sum = 0;
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            for (int i = 1; i <= n; i++) {
                ps.setLong(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new IllegalStateException("row " + i + " missing");
                    sum += rs.getLong(1) + rs.getString(2).length();
                }
            }
        }
        return sum;
    }

    @Override
    public long likeScan() throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LIKE)) {
            rs.next();
            return rs.getLong(1) + rs.getLong(2);
        }
    }

    @Override
    public void update(int n, int round) throws Exception {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (int i = 1; i <= n; i++) {
                ps.setString(1, "upd-" + i + "-" + round);
                ps.setLong(2, i);
                ps.executeUpdate();
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    @Override
    public void close() throws Exception {
        c.close();
    }
}
