package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 6: a WAL database (as the {@code sqlite3} tool makes them) opened without exclusive
 * locking mode. Before: a bare SQLITE_CANTOPEN; now the message says why and what to do.
 */
class WalHintTest {
    @Test
    void aWalDatabaseSaysItNeedsExclusiveLockingMode(@TempDir Path dir) {
        String file = dir.resolve("wal.db").toString();
        try (SqliteRuntime rt = SqliteRuntime.create()) {
            try (Database db = rt.open(file)) {
                db.exec("PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL; create table t(x); insert into t values (1)");
            }
            try (Database db = rt.open(file)) {
                SqliteException e = assertThrows(SqliteException.class, () -> db.exec("select * from t"));
                assertEquals(ResultCode.SQLITE_CANTOPEN, e.resultCode());
                assertTrue(e.getMessage().contains("WAL mode") && e.getMessage().contains("locking_mode=EXCLUSIVE"), e.getMessage());
            }
            try (Database db = rt.open(file)) {
                db.exec("PRAGMA locking_mode=EXCLUSIVE");
                try (Statement st = db.prepare("select x from t")) {
                    assertTrue(st.step());
                    assertEquals(1, st.getLong(0), "as the hint says, exclusive mode reads it");
                }
            }
        }
    }
}
