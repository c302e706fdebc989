package dev.livestorejvm.wasm;

import static dev.livestorejvm.wasm.WasmExport.*;
import static dev.livestorejvm.wasm.WasmInstance.hi;
import static dev.livestorejvm.wasm.WasmInstance.lo;

/**
 * SQLite's session extension, {@code sqlite3_serialize}/{@code _deserialize} and the backup API on
 * one module, in Java types: handles are opaque ints, byte arrays are copied in and out here.
 * Results are SQLite's codes. Not thread-safe, like the module.
 */
public final class SessionApi {
    /** {@code SQLITE_DESERIALIZE_FREEONCLOSE} */
    public static final int DESERIALIZE_FREEONCLOSE = 1;
    /** {@code SQLITE_DESERIALIZE_RESIZEABLE} */
    public static final int DESERIALIZE_RESIZEABLE = 2;
    /** {@code SQLITE_DESERIALIZE_READONLY} */
    public static final int DESERIALIZE_READONLY = 4;

    private final WasmInstance wasm;

    SessionApi(WasmInstance wasm) {
        this.wasm = wasm;
    }

    /** A result code and a handle (0 unless the code is SQLITE_OK). */
    public record Handle(int rc, int handle) {}

    /** A result code and bytes (null unless the code is SQLITE_OK). */
    public record Bytes(int rc, byte[] data) {}

    // ---- sessions ----

    public Handle sessionCreate(int db, String schema) {
        int z = wasm.cString(schema);
        int pp = wasm.malloc(4);
        try {
            wasm.memory.writeI32(pp, 0);
            int rc = wasm.callInt(sqlite3session_create, db, z, pp);
            return new Handle(rc, rc == 0 ? wasm.memory.readInt(pp) : 0);
        } finally {
            wasm.free(pp);
            wasm.free(z);
        }
    }

    /** Records changes to {@code table}, or to every table if null. */
    public int sessionAttach(int session, String table) {
        int z = wasm.cString(table);
        try {
            return wasm.callInt(sqlite3session_attach, session, z);
        } finally {
            wasm.free(z);
        }
    }

    /** 1 enables, 0 disables, -1 queries; returns the (new) state. */
    public int sessionEnable(int session, int enable) {
        return wasm.callInt(sqlite3session_enable, session, enable);
    }

    public Bytes sessionChangeset(int session) {
        return outBuffer(out -> wasm.callInt(sqlite3session_changeset, session, out, out + 4));
    }

    public void sessionDelete(int session) {
        wasm.call(sqlite3session_delete, session);
    }

    // ---- changesets ----

    public Bytes changesetInvert(byte[] changeset) {
        int p = wasm.bytes(changeset);
        try {
            return outBuffer(out -> wasm.callInt(sqlite3changeset_invert, changeset.length, p, out, out + 4));
        } finally {
            wasm.free(p);
        }
    }

    private interface OutCall {
        int call(int out);
    }

    /** Calls a function that returns a size in {@code *out} and a sqlite3_malloc'd buffer in {@code *(out+4)}. */
    private Bytes outBuffer(OutCall f) {
        int out = wasm.malloc(8);
        try {
            wasm.memory.writeI32(out, 0);
            wasm.memory.writeI32(out + 4, 0);
            int rc = f.call(out);
            int n = wasm.memory.readInt(out);
            int p = wasm.memory.readInt(out + 4);
            try {
                if (rc != 0) return new Bytes(rc, null);
                return new Bytes(rc, p == 0 || n == 0 ? new byte[0] : wasm.memory.readBytes(p, n));
            } finally {
                wasm.free(p);
            }
        } finally {
            wasm.free(out);
        }
    }

    // ---- snapshots ----

    /** {@code sqlite3_serialize} (a copy); null if the schema does not exist or SQLite ran out of memory. */
    public byte[] serialize(int db, String schema) {
        int z = wasm.cString(schema);
        int pSize = wasm.malloc(8);
        try {
            wasm.memory.writeLong(pSize, 0);
            int p = wasm.callInt(sqlite3_serialize, db, z, pSize, 0);
            long n = wasm.memory.readLong(pSize);
            if (p == 0) return n == 0 ? new byte[0] : null;   // an empty database has no pages
            try {
                if (n > Integer.MAX_VALUE - 8) throw new WasmOutOfMemory("a serialized database of " + n + " bytes does not fit a Java array");
                return wasm.memory.readBytes(p, (int) n);
            } finally {
                wasm.free(p);
            }
        } finally {
            wasm.free(pSize);
            wasm.free(z);
        }
    }

    /**
     * {@code sqlite3_deserialize} of a copy of {@code data} in a {@code sqlite3_malloc64} buffer,
     * which SQLite owns ({@link #DESERIALIZE_FREEONCLOSE} is always added): freed on close or failure.
     */
    public int deserialize(int db, String schema, byte[] data, int flags) {
        int z = wasm.cString(schema);
        try {
            int p = wasm.malloc(Math.max(1, data.length));
            wasm.memory.write(p, data);
            long n = data.length;
            return wasm.callInt(sqlite3_deserialize, db, z, p, lo(n), hi(n), lo(n), hi(n), flags | DESERIALIZE_FREEONCLOSE);
        } finally {
            wasm.free(z);
        }
    }

    // ---- backup ----

    /** {@code sqlite3_backup_init}: 0 on failure (the error is on {@code dest}). */
    public int backupInit(int dest, String destSchema, int source, String sourceSchema) {
        int zd = wasm.cString(destSchema);
        int zs = wasm.cString(sourceSchema);
        try {
            return wasm.callInt(sqlite3_backup_init, dest, zd, source, zs);
        } finally {
            wasm.free(zs);
            wasm.free(zd);
        }
    }

    /** Copies up to {@code pages} pages (negative: all); SQLITE_OK while more remain, SQLITE_DONE at the end. */
    public int backupStep(int backup, int pages) {
        return wasm.callInt(sqlite3_backup_step, backup, pages);
    }

    public int backupRemaining(int backup) {
        return wasm.callInt(sqlite3_backup_remaining, backup);
    }

    public int backupPagecount(int backup) {
        return wasm.callInt(sqlite3_backup_pagecount, backup);
    }

    public int backupFinish(int backup) {
        return wasm.callInt(sqlite3_backup_finish, backup);
    }
}
