package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 6: a write to a database in a read-only directory (its journal cannot be created)
 * failed with SQLITE_CANTOPEN "unable to open database file"; the native unix VFS gives
 * SQLITE_READONLY_DIRECTORY "attempt to write a readonly database", and so does this engine now. A
 * new database there stays CANTOPEN, as natively. Root ignores directory permissions, so as root
 * the checks run in a child JVM inside a user namespace ({@code unshare --user}), where the files'
 * owner is not privileged; the native {@code sqlite3} tool runs beside it when installed.
 */
class ReadOnlyDirectoryTest {
    @Test
    void aReadOnlyDirectoryMakesTheDatabaseReadOnlyAsNatively(@TempDir Path dir) throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        try (SqliteRuntime rt = SqliteRuntime.create(); Database db = rt.open(ro.resolve("a.db").toString())) {
            db.exec("create table t(x); insert into t values (1)");
        }
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            List<String> lines = Unprivileged.run(Child.class, ro.toString());
            assertEquals(List.of(
                "write: 1544 attempt to write a readonly database",   // SQLITE_READONLY_DIRECTORY
                "read: 1",
                "create: 14 unable to open database file"), lines.subList(0, 3), String.join("\n", lines));
            if (lines.size() > 3) {   // the native tool, in the same namespace
                assertEquals(List.of(
                    "native write: attempt to write a readonly database",
                    "native create: unable to open database file"), lines.subList(3, lines.size()));
            }
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** The child: writes to the existing database, reads it, creates a new one; then the same with native sqlite3. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path ro = Path.of(args[0]);
            try (SqliteRuntime rt = SqliteRuntime.create(); Database db = rt.open(ro.resolve("a.db").toString())) {
                try {
                    db.exec("insert into t values (2)");
                    System.out.println("write: ok");
                } catch (SqliteException e) {
                    System.out.println("write: " + e.extendedCode() + " " + e.sqliteMessage());
                }
                try (Statement st = db.prepare("select count(*) from t")) {
                    st.step();
                    System.out.println("read: " + st.getLong(0));
                }
                String fresh = ro.resolve("b.db").toString();
                try (Database created = rt.open(fresh)) {
                    created.exec("create table t(x)");
                    System.out.println("create: ok");
                } catch (SqliteException e) {
                    System.out.println("create: " + e.extendedCode() + " " + e.sqliteMessage().replace(": " + fresh, ""));
                }
            }
            if (Unprivileged.works("sqlite3", "-version")) {
                System.out.println("native write: " + nativeError(ro.resolve("a.db"), "insert into t values (2)"));
                System.out.println("native create: " + nativeError(ro.resolve("b.db"), "create table t(x)"));
            }
        }

        /** sqlite3's error message without its prefix and code ("Error: ... <message> (8)"). */
        private static String nativeError(Path db, String sql) throws Exception {
            Process p = new ProcessBuilder("sqlite3", db.toString(), sql).redirectErrorStream(true).start();
            p.waitFor(30, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String known : List.of("attempt to write a readonly database", "unable to open database file")) {
                if (out.contains(known)) return known;
            }
            return out;
        }
    }
}
