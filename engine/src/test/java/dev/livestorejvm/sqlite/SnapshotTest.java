package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.vfs.ResultCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    @RegisterExtension
    final SqliteFixture sqlite = new SqliteFixture();
    private SqliteRuntime runtime;

    @BeforeEach
    void open() {
        runtime = sqlite.runtime();
    }


    private Database filled(String name, int rows) {
        Database db = runtime.open("file:" + name + "?vfs=memory");   // named, but not a file in the working directory
        db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT); CREATE INDEX t_s ON t(s)");
        db.transaction(() -> {
            for (int i = 0; i < rows; i++) db.execute("INSERT INTO t VALUES (?, ?)", i, "row " + i + " ".repeat(i % 50));
        });
        return db;
    }

    @Test
    void serializeDeserializeGivesIdenticalBytes() {
        Database a = filled("a.db", 2000);
        byte[] image = a.serialize();
        assertTrue(image.length > 4096 * 5, "several pages: " + image.length);
        Database b = runtime.open(":memory:");
        b.deserialize(image);
        assertArrayEquals(image, b.serialize());
        assertEquals(2000L, count(b));
        // the copy is owned and growable: writes work and do not touch the source
        b.transaction(() -> {
            for (int i = 2000; i < 4000; i++) b.execute("INSERT INTO t VALUES (?, ?)", i, "more");
        });
        assertEquals(4000L, count(b));
        assertEquals(2000L, count(a));
        assertTrue(b.serialize().length > image.length);
    }

    @Test
    void deserializingBytesThatAreNotADatabaseIsAClearErrorAndLosesNothing() {
        Database b = filled(":memory:", 10);
        byte[] junk = new byte[8192];
        Arrays.fill(junk, (byte) 7);
        SqliteException e = assertThrows(SqliteException.class, () -> b.deserialize(junk));
        assertEquals(ResultCodes.SQLITE_NOTADB, e.resultCode());
        assertEquals(10L, count(b), "refused before anything changed");
        // a valid header over garbage pages: SQLite's own error, and the connection keeps its content
        byte[] good = filled("g.db", 100).serialize();
        byte[] bad = good.clone();
        Arrays.fill(bad, 100, bad.length, (byte) 0x5a);
        SqliteException f = assertThrows(SqliteException.class, () -> b.deserialize(bad));
        assertTrue(f.resultCode() == ResultCodes.SQLITE_CORRUPT || f.resultCode() == ResultCodes.SQLITE_NOTADB, f.getMessage());
        assertEquals(10L, count(b));
        b.exec("CREATE TABLE fresh(x)");
        b.execute("INSERT INTO fresh VALUES (1)");
    }

    @Test
    void backupWholeAndStepwiseWithProgress() {
        Database src = filled("src.db", 3000);
        Database whole = runtime.open(":memory:");
        src.backup(whole);
        assertEquals(3000L, count(whole));
        assertSamePages(src.serialize(), whole.serialize());

        Database dest = runtime.open("file:dest.db?vfs=memory");
        dest.exec("CREATE TABLE other(x); INSERT INTO other VALUES (1)");
        List<int[]> steps = new ArrayList<>();
        src.backup("main", dest, "main", 5, (remaining, total) -> steps.add(new int[] {remaining, total}));
        int pages = src.serialize().length / 4096;
        assertEquals((pages + 4) / 5, steps.size());
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(pages, steps.get(i)[1]);
            assertEquals(Math.max(0, pages - 5 * (i + 1)), steps.get(i)[0]);
        }
        assertEquals(3000L, count(dest));
        assertSamePages(src.serialize(), dest.serialize());
        assertThrows(SqliteException.class, () -> dest.prepare("SELECT * FROM other"), "the old content was replaced");
    }

    /** Same image except the change counter (24..27), the schema cookie (40..43) and version-valid-for (92..95): backup bumps those. */
    private static void assertSamePages(byte[] expected, byte[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if ((i >= 24 && i < 28) || (i >= 40 && i < 44) || (i >= 92 && i < 96)) continue;
            if (expected[i] != actual[i]) fail("images differ at byte " + i);
        }
    }

    private static Object count(Database db) {
        try (Statement st = db.prepare("SELECT count(*) FROM t")) {
            assertTrue(st.step());
            return st.getLong(0);
        }
    }
}
