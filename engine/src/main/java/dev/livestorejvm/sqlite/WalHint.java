package dev.livestorejvm.sqlite;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * The hint an SQLITE_CANTOPEN gets when the database is in WAL mode: the module's VFS has no
 * shared memory, so SQLite can read a WAL database (e.g. one the {@code sqlite3} tool made) only in
 * exclusive locking mode. SQLite's own message ("unable to open database file") says nothing of it.
 */
final class WalHint {
    private WalHint() {}

    /** The hint for {@code file} (may be null or empty for in-memory databases), or "". */
    static String of(String file) {
        if (file == null || file.isEmpty()) return "";
        try (RandomAccessFile f = new RandomAccessFile(file, "r")) {
            if (f.length() < 20) return "";
            f.seek(18);
            // file format write/read versions: 2 and 2 mean WAL
            if (f.read() == 2 && f.read() == 2) {
                return " (the database is in WAL mode, which this engine opens only with PRAGMA locking_mode=EXCLUSIVE"
                    + " set before the first read; or convert it with sqlite3: PRAGMA journal_mode=DELETE)";
            }
        } catch (IOException | SecurityException e) {
            // no hint then
        }
        return "";
    }
}
