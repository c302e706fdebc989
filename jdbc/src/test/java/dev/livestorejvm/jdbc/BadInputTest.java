package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.sqlite.Unprivileged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure is an SQLException with SQLite's code and a SQLState, and the connection stays usable. */
class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void sqlErrorsAndConstraintViolationsCarryCodeStateSqlAndMessage() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:?foreign_keys=true")) {
            Statement s = c.createStatement();
            s.execute("create table p(id integer primary key); create table k(id integer primary key, p int references p(id), "
                + "v text not null check (length(v) < 5), u text unique)");
            SQLException e = assertThrows(SQLSyntaxErrorException.class, () -> s.execute("selec 1"));
            assertEquals(1, e.getErrorCode());
            assertEquals("42000", e.getSQLState());
            assertTrue(e.getMessage().contains("selec 1") && e.getMessage().contains("syntax error"), e.getMessage());
            e = assertThrows(SQLSyntaxErrorException.class, () -> s.executeQuery("select * from nope"));
            assertEquals("42S02", e.getSQLState());
            e = assertThrows(SQLSyntaxErrorException.class, () -> c.prepareStatement("select nope from k"));
            assertEquals("42S22", e.getSQLState());
            e = assertThrows(SQLIntegrityConstraintViolationException.class, () -> s.execute("insert into k(v) values (null)"));
            assertEquals(19 | (5 << 8), e.getErrorCode(), "SQLITE_CONSTRAINT_NOTNULL");
            assertEquals("23502", e.getSQLState());
            e = assertThrows(SQLIntegrityConstraintViolationException.class, () -> s.execute("insert into k(v) values ('toolong')"));
            assertEquals("23514", e.getSQLState());
            e = assertThrows(SQLIntegrityConstraintViolationException.class, () -> s.execute("insert into k(p, v) values (9, 'a')"));
            assertEquals("23503", e.getSQLState());
            s.execute("insert into k(v, u) values ('a', 'x')");
            e = assertThrows(SQLIntegrityConstraintViolationException.class, () -> s.execute("insert into k(v, u) values ('b', 'x')"));
            assertEquals("23505", e.getSQLState());
            assertEquals(19 | (8 << 8), e.getErrorCode(), "SQLITE_CONSTRAINT_UNIQUE");
            assertEquals(1, DriverUrlTest.one(c, "select count(*) from k"), "still usable, nothing half-done");
        }
    }

    @Test
    void closedObjectsWrongIndexesAndWrongTypes() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:");
        Statement s = c.createStatement();
        s.execute("create table t(x, y)");
        s.execute("insert into t values (1, 'one')");
        PreparedStatement ps = c.prepareStatement("select x, y from t where x = ?");
        SQLException e = assertThrows(SQLException.class, () -> ps.setInt(2, 1));
        assertEquals("07009", e.getSQLState());
        assertEquals(25, e.getErrorCode(), "SQLITE_RANGE");
        e = assertThrows(SQLException.class, ps::executeQuery, "parameter 1 not set");
        assertEquals("07001", e.getSQLState());
        ps.setInt(1, 1);
        ResultSet rs = ps.executeQuery();
        e = assertThrows(SQLException.class, () -> rs.getInt(1), "before next()");
        assertEquals(21, e.getErrorCode());
        assertTrue(rs.next());
        e = assertThrows(SQLException.class, () -> rs.getInt(3));
        assertEquals("07009", e.getSQLState());
        e = assertThrows(SQLException.class, () -> rs.getInt("z"));
        assertEquals("42S22", e.getSQLState());
        e = assertThrows(SQLDataException.class, () -> rs.getBigDecimal(2));
        assertTrue(e.getMessage().contains("one"));
        e = assertThrows(SQLDataException.class, () -> rs.getDate(2));
        assertThrows(SQLDataException.class, () -> ps.setObject(1, new Object()));
        assertThrows(SQLFeatureNotSupportedException.class, rs::previous);
        assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateInt(1, 2));
        assertThrows(SQLFeatureNotSupportedException.class, () -> c.prepareCall("call x()"));
        assertThrows(SQLFeatureNotSupportedException.class,
            () -> c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY));
        // a result set read after its statement ran again, closed objects
        ps.executeQuery();
        e = assertThrows(SQLException.class, rs::next);
        assertEquals("HY010", e.getSQLState());
        ps.close();
        assertThrows(SQLException.class, ps::executeQuery);
        c.close();
        e = assertThrows(SQLException.class, c::createStatement);
        assertEquals("08003", e.getSQLState());
        assertThrows(SQLException.class, () -> s.execute("select 1"));
        assertFalse(c.isValid(1));
        c.close();   // twice: harmless
    }

    @Test
    void badFilesAreRefusedAtConnect() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:livestore-sqlite:" + dir));
        assertEquals(14, e.getErrorCode() & 0xff, "SQLITE_CANTOPEN for a directory: " + e.getMessage());
        assertEquals("08001", e.getSQLState());
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:livestore-sqlite:" + dir.resolve("missing/dir/x.db")));
        assertEquals(14, e.getErrorCode() & 0xff);
        Path junk = Files.write(dir.resolve("junk.db"), "this is not a database, not at all, no header here.......".repeat(100).getBytes());
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:livestore-sqlite:" + junk));
        assertEquals(26, e.getErrorCode() & 0xff, "SQLITE_NOTADB: " + e.getMessage());
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:livestore-sqlite:" + dir.resolve("absent.db") + "?read_only=true"));
        assertEquals(14, e.getErrorCode() & 0xff);
    }

    /** Root writes any file, so the checks run in a child JVM where permissions hold ({@link Unprivileged}). */
    @Test
    void aReadOnlyFileRefusesWritesWithSqliteReadonly() throws Exception {
        Path ro = dir.resolve("ro.db");
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite:" + ro)) {
            c.createStatement().execute("create table t(x)");
        }
        assertTrue(ro.toFile().setWritable(false));
        try {
            List<String> lines = Unprivileged.run(ReadOnlyFileChild.class, ro.toString());
            assertEquals(List.of("insert: 8", "rows: 0"), lines, String.join("\n", lines));
        } finally {
            ro.toFile().setWritable(true);
        }
    }

    /** The child: connects to the read-only file, tries an insert (SQLITE_READONLY expected), counts the rows. */
    public static final class ReadOnlyFileChild {
        public static void main(String[] args) throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite:" + args[0])) {
                try {
                    c.createStatement().execute("insert into t values (1)");
                    System.out.println("insert: ok");
                } catch (SQLException e) {
                    System.out.println("insert: " + (e.getErrorCode() & 0xff));
                }
                System.out.println("rows: " + DriverUrlTest.one(c, "select count(*) from t"));
            }
        }
    }
}
