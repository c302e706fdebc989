package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static dev.livestorejvm.vfs.ResultCodes.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad paths and bad files: a clear exception naming the path, and nothing on disk changed. */
class FileBadInputTest {
    @RegisterExtension
    static final SqliteFixture sqlite = new SqliteFixture();
    @TempDir Path dir;



    static SqliteException openFails(String name) {
        return assertThrows(SqliteException.class, () -> {
            try (Database db = sqlite.runtime().open(name)) {
                db.exec("SELECT * FROM sqlite_schema");
            }
        });
    }

    @Test
    void directoryAsDatabase() {
        SqliteException e = openFails(dir.toString());
        assertEquals(SQLITE_CANTOPEN, e.resultCode(), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void missingParentDirectory() {
        String name = dir.resolve("no/such/dir/x.db").toString();
        SqliteException e = openFails(name);
        assertEquals(SQLITE_CANTOPEN, e.resultCode());
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void nameLongerThanTheVfsMaximum() {
        String name = dir.resolve("x".repeat(200) + "/" + "y".repeat(900) + ".db").toString();
        SqliteException e = openFails(name);
        assertEquals(SQLITE_CANTOPEN, e.resultCode(), e.getMessage());
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void fileThatIsNotADatabase() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "these are not the pages you are looking for. ".repeat(200));
        byte[] before = Files.readAllBytes(file);
        try (Database db = sqlite.runtime().open(file.toString())) {
            SqliteException e = assertThrows(SqliteException.class, () -> db.exec("SELECT * FROM sqlite_schema"));
            assertEquals(SQLITE_NOTADB, e.resultCode());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertThrows(SqliteException.class, () -> db.exec("CREATE TABLE t(x)"));
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("notes.txt-journal")));
    }

    @Test
    void truncatedDatabaseReportsCorruptionWithoutCrashing() throws Exception {
        Path file = dir.resolve("cut.db");
        try (Database db = sqlite.runtime().open(file.toString())) {
            db.exec("CREATE TABLE t(x TEXT); CREATE INDEX t_x ON t(x)");
            db.transaction(() -> {
                for (int i = 0; i < 2000; i++) db.execute("INSERT INTO t VALUES (printf('%.100c', ?))", String.valueOf("abcdefgh".charAt(i % 8)));
            });
        }
        long size = Files.size(file);
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        byte[] before = Files.readAllBytes(file);
        try (Database db = sqlite.runtime().open(file.toString())) {
            SqliteException e = assertThrows(SqliteException.class, () -> {
                try (Statement st = db.prepare("SELECT count(*), max(x) FROM t")) {
                    while (st.step()) { }
                }
            });
            assertEquals(SQLITE_CORRUPT, e.resultCode(), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    /** Root writes any file, so the checks run in a child JVM where permissions hold ({@link Unprivileged}). */
    @Test
    void readOnlyFileOpenedReadWrite() throws Exception {
        Path file = dir.resolve("ro.db");
        try (Database db = sqlite.runtime().open(file.toString())) {
            db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(file);
        List<String> lines = Unprivileged.run(ReadOnlyFileChild.class, file.toString());
        assertEquals(List.of("readOnly: true", "insert: " + SQLITE_READONLY + ", names the file: true", "rows: 1"), lines, String.join("\n", lines));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    /** The child: opens the read-only file read-write, tries an insert, reads it back. */
    public static final class ReadOnlyFileChild {
        public static void main(String[] args) {
            String file = args[0];
            try (SqliteRuntime rt = SqliteRuntime.create(); Database db = rt.open(file)) {
                System.out.println("readOnly: " + db.readOnly());
                try {
                    db.execute("INSERT INTO t VALUES (2)");
                    System.out.println("insert: ok");
                } catch (SqliteException e) {
                    System.out.println("insert: " + e.resultCode() + ", names the file: " + e.getMessage().contains(file));
                }
                try (Statement st = db.prepare("SELECT count(*) FROM t")) {
                    st.step();
                    System.out.println("rows: " + st.getLong(0));
                }
            }
        }
    }
}
