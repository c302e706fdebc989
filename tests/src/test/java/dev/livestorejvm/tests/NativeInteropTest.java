package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by this engine are valid for native SQLite, and the other way round. */
class NativeInteropTest {
    static SqliteRuntime runtime;
    @TempDir Path dir;

    @BeforeAll
    static void start() {
        runtime = SqliteRuntime.create();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "truncate", "persist", "wal"})
    void engineWritesWhatTheCliAccepts(String mode) throws Exception {
        Path file = dir.resolve("engine-" + mode + ".db");
        try (Database db = runtime.open(file.toString())) {
            if (mode.equals("wal")) db.exec("PRAGMA locking_mode=EXCLUSIVE");
            db.exec("PRAGMA journal_mode=" + mode);
            db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, data BLOB); CREATE INDEX t_name ON t(name)");
            db.transaction(() -> {
                for (int i = 1; i <= 3000; i++) db.execute("INSERT INTO t(name, data) VALUES (?, randomblob(?))", "név " + i, i % 300);
            });
            db.exec("DELETE FROM t WHERE id % 3 = 0; UPDATE t SET name = name || '!' WHERE id % 5 = 0");
            db.exec("BEGIN; DELETE FROM t; ROLLBACK");
        }
        long rows = 0, ids = 0, bytes = 0;
        for (int i = 1; i <= 3000; i++) {
            if (i % 3 == 0) continue;
            rows++;
            ids += i;
            bytes += i % 300;
        }
        NativeSqlite.Result r = NativeSqlite.run(file,
            "PRAGMA integrity_check; SELECT count(*), sum(id), sum(length(data)) FROM t; SELECT name FROM t WHERE id = 10;");
        assertEquals(0, r.exit(), r.err());
        assertEquals("ok\n" + rows + "|" + ids + "|" + bytes + "\nnév 10!", r.out());
    }

    @Test
    void engineReadsWhatTheCliWrote() throws Exception {
        Path file = dir.resolve("cli.db");
        NativeSqlite.Result w = NativeSqlite.run(file, "PRAGMA page_size=8192;"
            + "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, x REAL, b BLOB);"
            + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 5000) "
            + "INSERT INTO t SELECT i, 'ü' || i, i / 4.0, zeroblob(i % 100) FROM n;"
            + "CREATE INDEX t_x ON t(x);");
        assertEquals(0, w.exit(), w.err());
        try (Database db = runtime.open(file.toString());
             Statement st = db.prepare("SELECT count(*), sum(x), sum(length(b)), (SELECT name FROM t WHERE id = 4321) FROM t")) {
            assertTrue(st.step());
            assertEquals(5000, st.getLong(0));
            assertEquals(5000 * 5001 / 2 / 4.0, st.getDouble(1));
            assertEquals(50 * 4950, st.getLong(2));
            assertEquals("ü4321", st.getText(3));
            db.execute("INSERT INTO t(name) VALUES ('from the engine')");
        }
        NativeSqlite.Result r = NativeSqlite.run(file, "PRAGMA integrity_check; SELECT count(*) FROM t WHERE name = 'from the engine';");
        assertEquals("ok\n1", r.out(), r.err());
    }
}
