package dev.livestorejvm.tests;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.io.PrintStream;

/**
 * Child process for the crash tests: commits numbered transactions from {@code start} on and
 * prints {@code ACK n} once commit {@code n} has returned. It runs until it is killed (or, as a
 * bound, 100,000 commits).
 */
public final class CrashChild {
    public static void main(String[] args) {
        String file = args[0];
        String mode = args[1];
        long n = Long.parseLong(args[2]);
        PrintStream out = System.out;
        try (SqliteRuntime runtime = SqliteRuntime.create(); Database db = runtime.open(file, SqliteRuntime.DEFAULT_OPEN_FLAGS, vfs(mode))) {
            // a WAL database needs exclusive locking before anything reads it (no shared memory)
            if (mode.equals("wal")) db.exec("PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL");
            else db.exec("PRAGMA journal_mode=DELETE");
            db.exec("PRAGMA synchronous=FULL");
            db.exec("CREATE TABLE IF NOT EXISTS t(n INTEGER PRIMARY KEY, pad TEXT)");
            out.println("READY");
            out.flush();
            for (long end = n + 100_000; n < end; n++) {
                // rows of varying size, so that commits touch one page or several
                db.execute("INSERT INTO t VALUES (?, printf('%.*c', ?, 'x'))", n, (int) (n * 997 % 5000));
                out.println("ACK " + n);
                out.flush();
            }
        }
    }

    static String vfs(String mode) {
        return mode.equals("batch") ? "file-batch-atomic" : null;
    }
}
