package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statements, prepared statements, batches, generated keys, transactions, timeouts and cancel. */
class StatementsTest {
    Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:");
        c.createStatement().executeUpdate("create table t(id integer primary key, name text not null unique, n int)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    long count() throws SQLException {
        return DriverUrlTest.one(c, "select count(*) from t");
    }

    @Test
    void aScriptRunsWholeAndEachResultIsReachedInTurn() throws SQLException {
        Statement s = c.createStatement();
        assertFalse(s.execute("insert into t(name) values ('a'); insert into t(name) values ('b'), ('c'); select name from t order by id; delete from t where name = 'a'"));
        assertEquals(1, s.getUpdateCount());
        assertNull(s.getResultSet());
        assertFalse(s.getMoreResults());
        assertEquals(2, s.getUpdateCount());
        assertTrue(s.getMoreResults());
        ResultSet rs = s.getResultSet();
        List<String> names = new ArrayList<>();
        while (rs.next()) names.add(rs.getString(1));
        assertEquals(List.of("a", "b", "c"), names);
        assertFalse(s.getMoreResults());
        assertTrue(rs.isClosed(), "getMoreResults closes the current result set");
        assertEquals(1, s.getUpdateCount());   // the delete ran only now
        assertFalse(s.getMoreResults());
        assertEquals(-1, s.getUpdateCount());
        assertEquals(2, count());
        // executeUpdate of a script returns the last count; DDL counts 0
        assertEquals(0, s.executeUpdate("create table u(x); insert into u values (1), (2); create index ux on u(x)"));
        assertEquals(3, s.executeUpdate("insert into u values (3), (4), (5)"));
        assertEquals(0, s.executeUpdate("update u set x = x where 0"));
    }

    @Test
    void preparedStatementsRunManyTimesAndResultSetsCloseWhenRerun() throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("insert into t(name, n) values (?, ?)");
             PreparedStatement sel = c.prepareStatement("select name, n from t where n >= ? order by n")) {
            for (int i = 0; i < 10; i++) {
                ins.setString(1, "n" + i);
                ins.setInt(2, i);
                assertEquals(1, ins.executeUpdate());
            }
            sel.setInt(1, 7);
            ResultSet first = sel.executeQuery();
            assertTrue(first.next());
            assertEquals("n7", first.getString("NAME"));
            sel.setInt(1, 9);
            ResultSet second = sel.executeQuery();
            assertTrue(first.isClosed());
            assertThrows(SQLException.class, first::next);
            assertTrue(second.next());
            assertEquals(9, second.getInt(2));
            assertFalse(second.next());
            sel.setMaxRows(2);
            sel.setInt(1, 0);
            try (ResultSet rs = sel.executeQuery()) {
                int n = 0;
                while (rs.next()) n++;
                assertEquals(2, n);
            }
        }
    }

    @Test
    void batchesGivePerRowCountsAndStopAtTheFirstFailure() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into t(name, n) values (?, ?)")) {
            for (int i = 0; i < 5; i++) {
                ps.setString(1, "b" + i);
                ps.setInt(2, i);
                ps.addBatch();
            }
            assertArrayEquals(new int[] {1, 1, 1, 1, 1}, ps.executeBatch());
            ps.setString(1, "x");
            ps.setInt(2, 0);
            ps.addBatch();
            ps.setString(1, "b0");   // duplicate
            ps.addBatch();
            BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
            assertEquals("23505", e.getSQLState());
        }
        Statement s = c.createStatement();
        s.addBatch("update t set n = n + 1");
        s.addBatch("delete from t where name = 'x'");
        assertArrayEquals(new int[] {6, 1}, s.executeBatch());
    }

    @Test
    void generatedKeysByRowidByNamedColumnsAndInBatches() throws SQLException {
        Statement s = c.createStatement();
        assertEquals(1, s.executeUpdate("insert into t(name) values ('k1')", Statement.RETURN_GENERATED_KEYS));
        try (ResultSet keys = s.getGeneratedKeys()) {
            assertTrue(keys.next());
            assertEquals(1, keys.getLong(1));
            assertFalse(keys.next());
        }
        try (PreparedStatement ps = c.prepareStatement("insert into t(name, n) values (?, 5)", new String[] {"id", "name"})) {
            ps.setString(1, "k2");
            assertEquals(1, ps.executeUpdate());
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(2, keys.getLong("id"));
                assertEquals("k2", keys.getString("name"));
            }
            ps.setString(1, "k3");
            ps.addBatch();
            ps.setString(1, "k4");
            ps.addBatch();
            assertArrayEquals(new int[] {1, 1}, ps.executeBatch());
            List<Long> ids = new ArrayList<>();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next()) ids.add(keys.getLong(1));
            }
            assertEquals(List.of(3L, 4L), ids);
        }
        try (PreparedStatement ps = c.prepareStatement("insert into t(name) values (?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "k5");
            ps.executeUpdate();
            ResultSet keys = ps.getGeneratedKeys();
            assertTrue(keys.next());
            assertEquals(5, keys.getInt(1));
        }
        // RETURNING written by the caller is a result set
        try (PreparedStatement ps = c.prepareStatement("update t set n = 9 where id <= 2 returning id")) {
            assertTrue(ps.execute());
            ResultSet rs = ps.getResultSet();
            int rows = 0;
            while (rs.next()) rows++;
            assertEquals(2, rows);
        }
    }

    @Test
    void autoCommitOffOpensTransactionsThatCommitRollBackAndNestSavepoints() throws SQLException {
        c.setAutoCommit(false);
        c.createStatement().executeUpdate("insert into t(name) values ('a')");
        c.rollback();
        assertEquals(0, count());
        c.createStatement().executeUpdate("insert into t(name) values ('b')");
        Savepoint sp = c.setSavepoint("before c");
        c.createStatement().executeUpdate("insert into t(name) values ('c')");
        Savepoint sp2 = c.setSavepoint();
        c.createStatement().executeUpdate("insert into t(name) values ('d')");
        c.rollback(sp);
        assertEquals(1, count());
        c.commit();
        c.setAutoCommit(true);
        assertEquals(1, count());
        assertThrows(SQLException.class, c::commit, "commit in auto-commit mode");
        assertThrows(SQLException.class, c::setSavepoint);
        assertThrows(SQLException.class, () -> sp2.getSavepointName());
        // switching auto-commit back on commits
        c.setAutoCommit(false);
        c.createStatement().executeUpdate("insert into t(name) values ('e')");
        c.setAutoCommit(true);
        try (Connection other = c) {
            assertEquals(2, count());
        }
    }

    @Test
    void readOnlyConnectionsRefuseWrites() throws SQLException {
        c.setReadOnly(true);
        assertTrue(c.isReadOnly());
        SQLException e = assertThrows(SQLException.class, () -> c.createStatement().executeUpdate("insert into t(name) values ('a')"));
        assertEquals(8, e.getErrorCode() & 0xff);
        c.setReadOnly(false);
        assertEquals(1, c.createStatement().executeUpdate("insert into t(name) values ('a')"));
    }

    static final String SLOW = "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r";

    @Test
    void queryTimeoutInterruptsALongQueryAndTheConnectionStaysUsable() throws SQLException {
        Statement s = c.createStatement();
        s.setQueryTimeout(1);
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLTimeoutException.class, () -> s.executeQuery(SLOW));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 900 && ms < 10_000, ms + " ms");
        assertEquals(9, e.getErrorCode(), "SQLITE_INTERRUPT");
        assertEquals("57014", e.getSQLState());
        assertEquals(0, count());
    }

    @Test
    void cancelFromAnotherThreadInterruptsTheRunningStatement() throws Exception {
        Statement s = c.createStatement();
        CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
            try {
                s.executeQuery(SLOW);
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        long deadline = System.currentTimeMillis() + 10_000;
        while (!failure.isDone() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            s.cancel();
        }
        SQLException e = failure.get(10, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals(9, e.getErrorCode());
        assertFalse(e instanceof SQLTimeoutException);
        assertEquals(0, count());
    }
}
