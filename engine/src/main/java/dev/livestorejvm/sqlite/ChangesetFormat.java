package dev.livestorejvm.sqlite;

import static dev.livestorejvm.sqlite.ResultCode.SQLITE_CORRUPT;

import java.io.ByteArrayOutputStream;

/**
 * The session extension's binary changeset format, as documented in {@code sqlite3session.c}:
 * per table a header ({@code 'T'}, varint column count, one primary-key byte per column, the
 * NUL-terminated name), then its changes: operation byte, indirect flag, and the old and/or new
 * record of {@code nCol} values. A value is a type byte (0 undefined, 1 integer, 2 real, 3 text,
 * 4 blob, 5 NULL) followed by 8 big-endian bytes for numbers, or a varint length and the bytes.
 * Varints are SQLite's (big-endian, 7 bits per byte, high bit = more).
 */
final class ChangesetFormat {
    static final int TABLE = 'T';
    static final int PATCHSET_TABLE = 'P';
    static final int UNDEFINED = 0;
    static final int INTEGER = 1;
    static final int REAL = 2;
    static final int TEXT = 3;
    static final int BLOB = 4;
    static final int NULL = 5;

    private ChangesetFormat() {}

    static SqliteException corrupt(String what, int offset) {
        return new SqliteException(SQLITE_CORRUPT, "corrupt changeset: " + what + " at byte " + offset);
    }

    /** Reads a varint at {@code pos}; returns value and stores the end in {@code end[0]}. */
    static long varint(byte[] b, int pos, int[] end) {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            if (pos + i >= b.length) throw corrupt("truncated varint", pos);
            int c = b[pos + i] & 0xff;
            if (i == 8) {
                end[0] = pos + 9;
                return (v << 8) | c;
            }
            v = (v << 7) | (c & 0x7f);
            if ((c & 0x80) == 0) {
                end[0] = pos + i + 1;
                return v;
            }
        }
        throw new AssertionError();
    }

    /** Writes {@code v} (non-negative) as SQLite writes it ({@code sqlite3PutVarint}). */
    static void putVarint(ByteArrayOutputStream out, long v) {
        if ((v & ~0x00ffffffffffffffL) != 0) {
            byte[] nine = new byte[9];
            nine[8] = (byte) v;
            v >>>= 8;
            for (int i = 7; i >= 0; i--) {
                nine[i] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            out.write(nine, 0, 9);
            return;
        }
        byte[] buf = new byte[10];
        int n = 0;
        do {
            buf[n++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        } while (v != 0);
        buf[0] &= 0x7f;
        for (int i = n - 1; i >= 0; i--) out.write(buf[i]);
    }

    /** The offset just past the value that starts at {@code pos}. */
    static int skipValue(byte[] b, int pos) {
        if (pos >= b.length) throw corrupt("truncated record", pos);
        int type = b[pos];
        switch (type) {
            case UNDEFINED:
            case NULL:
                return pos + 1;
            case INTEGER:
            case REAL:
                if (pos + 9 > b.length) throw corrupt("truncated number", pos);
                return pos + 9;
            case TEXT:
            case BLOB: {
                int[] end = new int[1];
                long n = varint(b, pos + 1, end);
                if (n < 0 || end[0] + n > b.length) throw corrupt("value length " + n + " runs past the end", pos);
                return (int) (end[0] + n);
            }
            default:
                throw corrupt("unknown value type " + type, pos);
        }
    }

    static long bigEndian(byte[] b, int pos) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[pos + i] & 0xff);
        return v;
    }

    /**
     * Walks the whole changeset and fails with SQLITE_CORRUPT where it is malformed or truncated:
     * SQLite's own apply stops silently at some truncations, so a changeset is checked before it.
     */
    static void validate(byte[] b) {
        int[] end = new int[1];
        int pos = 0;
        int nCol = 0;
        while (pos < b.length) {
            int at = pos;
            int op = b[pos];
            if (op == TABLE || op == PATCHSET_TABLE) {
                long n = varint(b, pos + 1, end);
                if (n < 1 || n > 32767 || end[0] + n > b.length) throw corrupt("bad table header", at);
                int nul = end[0] + (int) n;
                while (nul < b.length && b[nul] != 0) nul++;
                if (nul >= b.length) throw corrupt("table name without its terminating NUL", at);
                nCol = (int) n;
                pos = nul + 1;
                if (op == PATCHSET_TABLE) return;   // patchset records differ: SQLite checks those itself
                continue;
            }
            if (nCol == 0) throw corrupt("a change before any table header", at);
            if (pos + 2 > b.length) throw corrupt("truncated change", at);
            int records = op == 23 ? 2 : op == 18 || op == 9 ? 1 : -1;
            if (records < 0) throw corrupt("unknown operation " + op, at);
            pos += 2;
            for (int i = 0; i < records * nCol; i++) pos = skipValue(b, pos);
        }
    }
}
