package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.PooledConnection;
import javax.sql.StatementEvent;
import javax.sql.StatementEventListener;
import org.apache.commons.dbcp2.datasources.SharedPoolDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SqliteConnectionPoolDataSource}: its PooledConnection as JDBC 4.3 §11 describes it
 * (logical handles, events, reset between users), and under Apache DBCP's SharedPoolDataSource,
 * a pool that builds on ConnectionPoolDataSource.
 */
class PooledConnectionTest {
    @TempDir
    Path dir;

    /** Records the events a pool would receive. */
    static final class Events implements ConnectionEventListener, StatementEventListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void connectionClosed(ConnectionEvent e) {
            seen.add("closed");
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent e) {
            seen.add("error:" + e.getSQLException().getSQLState());
        }

        @Override
        public void statementClosed(StatementEvent e) {
            seen.add("statementClosed");
        }

        @Override
        public void statementErrorOccurred(StatementEvent e) {
            seen.add("statementError");
        }
    }

    private SqliteConnectionPoolDataSource source() {
        return new SqliteConnectionPoolDataSource("jdbc:livestore-sqlite:" + dir.resolve("p.db"));
    }

    @Test
    void logicalCloseKeepsThePhysicalConnectionAndTellsTheListeners() throws Exception {
        PooledConnection pc = source().getPooledConnection();
        Events events = new Events();
        pc.addConnectionEventListener(events);
        pc.addStatementEventListener(events);
        Connection c = pc.getConnection();
        Statement s = c.createStatement();
        s.executeUpdate("create table t(x)");
        assertSame(c, s.getConnection(), "a statement leads back to the logical connection");
        assertSame(c, c.getMetaData().getConnection());
        PreparedStatement ps = c.prepareStatement("insert into t values (?)");
        ps.setInt(1, 1);
        ps.executeUpdate();
        ps.close();
        assertEquals(List.of("statementClosed"), events.seen);
        c.close();
        assertEquals(List.of("statementClosed", "closed"), events.seen);
        assertTrue(c.isClosed());
        assertTrue(s.isClosed(), "statements of a closed logical connection are closed");
        SQLException e = assertThrows(SQLException.class, c::createStatement);
        assertEquals("08003", e.getSQLState());
        c.close();   // twice: harmless, and no second event
        assertEquals(2, events.seen.size());

        Connection again = pc.getConnection();
        try (Statement s2 = again.createStatement(); ResultSet rs = s2.executeQuery("select count(*) from t")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the same physical database");
            assertSame(s2, rs.getStatement());
        }
        pc.close();
        assertTrue(again.isClosed());
        assertThrows(SQLException.class, pc::getConnection);
        assertEquals(2, events.seen.size(), "closing the physical connection is the pool's own act: no event");
    }

    @Test
    void aNewLogicalConnectionClosesThePreviousAndStartsClean() throws Exception {
        PooledConnection pc = source().getPooledConnection();
        Events events = new Events();
        pc.addConnectionEventListener(events);
        Connection first = pc.getConnection();
        try (Statement s = first.createStatement()) {
            s.executeUpdate("create table t(x)");
        }
        first.setAutoCommit(false);
        try (Statement s = first.createStatement()) {
            s.executeUpdate("insert into t values (1)");   // left uncommitted
        }
        Connection second = pc.getConnection();
        assertTrue(first.isClosed(), "JDBC: a new logical connection closes the previous one");
        assertTrue(events.seen.isEmpty(), "that close is not the application's: no event");
        assertTrue(second.getAutoCommit(), "the next user starts in auto-commit mode");
        try (Statement s = second.createStatement(); ResultSet rs = s.executeQuery("select count(*) from t")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the previous user's open transaction was rolled back");
        }
        second.close();
        assertEquals(List.of("closed"), events.seen);
        pc.close();
    }

    @Test
    void abortTellsThePoolTheConnectionIsGone() throws Exception {
        PooledConnection pc = source().getPooledConnection();
        Events events = new Events();
        pc.addConnectionEventListener(events);
        Connection c = pc.getConnection();
        c.abort(Runnable::run);
        assertTrue(c.isClosed());
        assertEquals(List.of("error:08006"), events.seen);
        assertThrows(SQLException.class, pc::getConnection, "the physical connection is closed");
        pc.close();
    }

    @Test
    void dbcpSharedPoolReusesPhysicalConnectionsAcrossThreads() throws Exception {
        AtomicInteger physical = new AtomicInteger();
        SqliteConnectionPoolDataSource cpds = new SqliteConnectionPoolDataSource(
            "jdbc:livestore-sqlite:" + dir.resolve("shared.db")) {
            @Override
            public PooledConnection getPooledConnection() throws SQLException {
                physical.incrementAndGet();
                return super.getPooledConnection();
            }
        };
        cpds.setProperty("busy_timeout", "30000");
        cpds.setProperty("transaction_mode", "IMMEDIATE");
        cpds.setProperty("synchronous", "OFF");   // durability is not under test: fsyncs would dominate
        int threads = 4;
        int perThread = 100;
        try (SharedPoolDataSource pool = new SharedPoolDataSource()) {
            pool.setConnectionPoolDataSource(cpds);
            pool.setDefaultMaxTotal(4);
            pool.setDefaultTestOnBorrow(true);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("create table log(thread int, seq int, primary key(thread, seq))");
            }
            ExecutorService exec = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                done.add(exec.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        try (Connection c = pool.getConnection();
                             PreparedStatement ps = c.prepareStatement("insert into log values (?, ?)")) {
                            c.setAutoCommit(false);
                            ps.setInt(1, thread);
                            ps.setInt(2, i);
                            ps.executeUpdate();
                            if (i % 10 == 9) c.rollback(); else c.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            exec.shutdown();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from log")) {
                rs.next();
                assertEquals(threads * perThread * 9 / 10, rs.getInt(1), "every committed row, no rolled-back one");
            }
            assertEquals(0, pool.getNumActive(), "every logical connection came back");
            // 400 borrows: the pool's 4 physical connections, plus the one DBCP opens and closes to test the source
            assertTrue(physical.get() <= 5, "physical connections reused: " + physical.get() + " opened");
        }
    }
}
