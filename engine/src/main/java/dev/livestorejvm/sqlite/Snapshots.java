package dev.livestorejvm.sqlite;

import static dev.livestorejvm.sqlite.ResultCode.SQLITE_DONE;
import static dev.livestorejvm.sqlite.ResultCode.SQLITE_MISUSE;
import static dev.livestorejvm.sqlite.ResultCode.SQLITE_NOMEM;
import static dev.livestorejvm.sqlite.ResultCode.SQLITE_NOTADB;

import dev.livestorejvm.wasm.SessionApi;
import java.nio.charset.StandardCharsets;

/** serialize, deserialize and backup of a {@link Database}. */
final class Snapshots {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private Snapshots() {}

    static byte[] serialize(Database db, String schema) {
        return db.locked(() -> {
            byte[] data = db.module.sessions().serialize(db.handle, schema);
            if (data == null) {
                int code = db.module.dbReadonly(db.handle, schema) < 0 ? SQLITE_MISUSE : SQLITE_NOMEM;
                throw new SqliteException(code, code == SQLITE_MISUSE ? "no schema named " + schema
                    : "out of memory while serializing " + schema, null, -1, db.name(), null);
            }
            return data;
        });
    }

    /**
     * Replaces {@code schema} with a copy of {@code data}, held in the module's memory and growing as
     * needed. Bytes that are not a database are refused before anything changes.
     */
    static void deserialize(Database db, String schema, byte[] data) {
        if (data.length > 0 && (data.length < 512 || !startsWithHeader(data))) {
            throw new SqliteException(SQLITE_NOTADB, "not an SQLite database: " + data.length
                + " bytes without the \"SQLite format 3\" header", null, -1, db.name(), null);
        }
        db.locked(() -> {
            // Garbage behind a valid header shows when the schema is read: try it on a scratch
            // connection first, so that a bad image leaves the target as it was.
            try (Database scratch = db.runtime.open(":memory:")) {
                load(scratch, "main", data);
            }
            load(db, schema, data);
            return null;
        });
    }

    private static void load(Database db, String schema, byte[] data) {
        int rc = db.module.sessions().deserialize(db.handle, schema, data, SessionApi.DESERIALIZE_RESIZEABLE);
        if (rc != 0) throw db.error(rc, null);
        String sql = "SELECT count(*) FROM \"" + schema.replace("\"", "\"\"") + "\".sqlite_schema";
        rc = db.module.exec(db.handle, sql);
        if (rc != 0) throw db.error(rc, sql);
    }

    private static boolean startsWithHeader(byte[] data) {
        for (int i = 0; i < HEADER.length; i++) if (data[i] != HEADER[i]) return false;
        return true;
    }

    /** Copies {@code schema} of {@code source} over {@code destSchema} of {@code dest}, {@code pagesPerStep} pages at a time. */
    static void backup(Database source, String schema, Database dest, String destSchema, int pagesPerStep, BackupProgress progress) {
        if (dest.runtime != source.runtime) {
            throw new SqliteException(SQLITE_MISUSE, "backup between databases of different runtimes", null, -1, source.name(), null);
        }
        SessionApi api = source.module.sessions();
        int backup = dest.locked(() -> source.locked(() -> {
            int b = api.backupInit(dest.handle, destSchema, source.handle, schema);
            if (b == 0) throw dest.error(dest.module.errcode(dest.handle), null);
            return b;
        }));
        RuntimeException failure = null;
        try {
            while (true) {
                int[] state = source.runtime.locked(() -> {
                    int rc = api.backupStep(backup, pagesPerStep);
                    return new int[] {rc, api.backupRemaining(backup), api.backupPagecount(backup)};
                });
                if (state[0] != 0 && state[0] != SQLITE_DONE) break;   // backup_finish reports the error
                if (progress != null) progress.onStep(state[1], state[2]);
                if (state[0] == SQLITE_DONE) break;
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        int rc = source.runtime.locked(() -> api.backupFinish(backup));
        if (failure != null) throw failure;
        if (rc != 0) throw dest.runtime.locked(() -> dest.error(rc, null));
    }
}
