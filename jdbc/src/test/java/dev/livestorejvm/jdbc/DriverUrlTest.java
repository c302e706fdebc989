package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver as DriverManager finds it, and every URL form it accepts. */
class DriverUrlTest {
    @TempDir
    Path dir;

    static long one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @Test
    void serviceLoaderAndDriverManagerFindTheDriverForItsPrefixOnly() throws Exception {
        boolean found = false;
        for (Driver d : ServiceLoader.load(Driver.class)) found |= d instanceof SqliteDriver;
        assertTrue(found, "META-INF/services registers the driver");
        assertTrue(DriverManager.getDriver("jdbc:livestore-sqlite::memory:") instanceof SqliteDriver);
        // xerial (in test scope) keeps jdbc:sqlite:, this driver refuses it
        assertFalse(new SqliteDriver().acceptsURL("jdbc:sqlite::memory:"));
        assertNull(new SqliteDriver().connect("jdbc:sqlite::memory:", new Properties()));
        assertFalse(DriverManager.getDriver("jdbc:sqlite::memory:") instanceof SqliteDriver);
    }

    @Test
    void memoryDatabasesArePrivateUnlessNamedInTheMemoryVfs() throws Exception {
        try (Connection a = DriverManager.getConnection("jdbc:livestore-sqlite::memory:");
             Connection b = DriverManager.getConnection("jdbc:livestore-sqlite:")) {
            a.createStatement().execute("create table t(x)");
            assertEquals(1, one(a, "select count(*) from sqlite_schema"));
            assertEquals(0, one(b, "select count(*) from sqlite_schema"));
        }
        // named: every connection of the JVM sees the same database (and it lives while one is open)
        try (Connection a = DriverManager.getConnection("jdbc:livestore-sqlite:file:shared1?vfs=memory");
             Connection b = DriverManager.getConnection("jdbc:livestore-sqlite:file:shared1?vfs=memory")) {
            a.createStatement().execute("create table t(x); insert into t values (42)");
            assertEquals(42, one(b, "select x from t"));
        }
        // SQLite's own spelling of a shared in-memory database means the same
        try (Connection a = DriverManager.getConnection("jdbc:livestore-sqlite:file:shared2?mode=memory&cache=shared");
             Connection b = DriverManager.getConnection("jdbc:livestore-sqlite:file:shared2?mode=memory&cache=shared")) {
            a.createStatement().execute("create table t(x); insert into t values (7)");
            assertEquals(7, one(b, "select x from t"));
        }
    }

    @Test
    void filePathsAndFileUrisWithSqliteAndDriverParameters() throws Exception {
        Path db = dir.resolve("a b.db");
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite:" + db + "?foreign_keys=true&busy_timeout=1234")) {
            assertEquals(1, one(c, "pragma foreign_keys"));
            c.createStatement().execute("create table t(x); insert into t values (1)");
        }
        assertTrue(Files.size(db) > 0);
        Properties p = new Properties();
        p.setProperty("journal-mode", "truncate");
        p.setProperty("synchronous", "normal");
        p.setProperty("user", "ignored");
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite:" + db, p)) {
            assertEquals("truncate", text(c, "pragma journal_mode"));
            assertEquals(1, one(c, "pragma synchronous"));
            assertEquals(1, one(c, "select x from t"));
        }
        String uri = "jdbc:livestore-sqlite:file:" + db.toString().replace(" ", "%20") + "?mode=ro&busy_timeout=50";
        try (Connection c = DriverManager.getConnection(uri)) {
            assertEquals(1, one(c, "select x from t"));
            SQLException e = assertThrows(SQLException.class, () -> c.createStatement().execute("insert into t values (2)"));
            assertEquals(8, e.getErrorCode() & 0xff, "SQLITE_READONLY");
            assertEquals("25006", e.getSQLState());
            assertTrue(c.getMetaData().isReadOnly());
        }
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite:" + db + "?read_only=true")) {
            assertThrows(SQLException.class, () -> c.createStatement().execute("insert into t values (2)"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite:" + db + "?file_batch_atomic=true")) {
            c.createStatement().execute("insert into t values (3)");
            assertEquals(2, one(c, "select count(*) from t"));
        }
    }

    @Test
    void fts5BinaryOnRequest() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:?fts5=true")) {
            c.createStatement().execute("create virtual table d using fts5(body); insert into d values ('hello wasm world')");
            assertEquals(1, one(c, "select count(*) from d where d match 'wasm'"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:")) {
            assertThrows(SQLException.class, () -> c.createStatement().execute("create virtual table d using fts5(body)"));
        }
    }

    @Test
    void badUrlsAreRefusedWithTheReason() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:livestore-sqlite::memory:?busy_timout=5"));
        assertTrue(e.getMessage().contains("busy_timout"), e.getMessage());
        assertEquals("08001", e.getSQLState());
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:livestore-sqlite::memory:?journal_mode=fast"));
        assertTrue(e.getMessage().contains("journal_mode"), e.getMessage());
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:livestore-sqlite::memory:?foreign_keys=maybe"));
        assertTrue(e.getMessage().contains("foreign_keys"), e.getMessage());
    }

    @Test
    void dataSourceTakesTheUrlAndProperties() throws Exception {
        SqliteDataSource ds = new SqliteDataSource("jdbc:livestore-sqlite:" + dir.resolve("ds.db"));
        ds.setProperty("foreign_keys", "on");
        try (Connection c = ds.getConnection()) {
            assertEquals(1, one(c, "pragma foreign_keys"));
            assertEquals("jdbc:livestore-sqlite:" + dir.resolve("ds.db"), c.getMetaData().getURL());
            assertEquals("SQLite", c.getMetaData().getDatabaseProductName());
            assertEquals(3, c.getMetaData().getDatabaseMajorVersion());
        }
    }
}
