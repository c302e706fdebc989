package dev.livestorejvm.sqlite;

import static dev.livestorejvm.sqlite.ChangesetFormat.*;

import java.io.ByteArrayOutputStream;

/**
 * {@code sqlite3changeset_invert} in Java, with the same output byte for byte: table headers and
 * INSERT/DELETE records are copied (the operation swapped); an UPDATE's old record becomes the
 * primary key plus the new values, its new record the old values with the key undefined. Values
 * of UPDATE records are written as SQLite writes them (canonical varints; a NaN real, which
 * SQLite reads as NULL, as NULL).
 */
final class ChangesetInverter {
    private ChangesetInverter() {}

    static byte[] invert(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        int[] end = new int[1];
        int pos = 0;
        int nCol = 0;
        byte[] pk = null;
        int[] oldAt = new int[0];
        int[] newAt = new int[0];
        while (pos < b.length) {
            int at = pos;
            int op = b[pos];
            if (op == TABLE) {
                long n = varint(b, pos + 1, end);
                if (n < 1 || n > 32767 || end[0] + n > b.length) throw corrupt("bad table header", at);
                nCol = (int) n;
                pk = java.util.Arrays.copyOfRange(b, end[0], end[0] + nCol);
                int nul = end[0] + nCol;
                while (nul < b.length && b[nul] != 0) nul++;
                if (nul >= b.length) throw corrupt("table name without its terminating NUL", at);
                pos = nul + 1;
                out.write(b, at, pos - at);
                oldAt = new int[nCol + 1];
                newAt = new int[nCol + 1];
                continue;
            }
            if (op == PATCHSET_TABLE) throw corrupt("a patchset cannot be inverted", at);
            if (pk == null) throw corrupt("a change before any table header", at);
            if (pos + 2 > b.length) throw corrupt("truncated change", at);
            byte indirect = b[pos + 1];
            pos += 2;
            if (op == Operation.INSERT.code() || op == Operation.DELETE.code()) {
                int start = pos;
                for (int i = 0; i < nCol; i++) pos = skipValue(b, pos);
                out.write(op == Operation.INSERT.code() ? Operation.DELETE.code() : Operation.INSERT.code());
                out.write(indirect);
                out.write(b, start, pos - start);
            } else if (op == Operation.UPDATE.code()) {
                for (int i = 0; i < nCol; i++) {
                    oldAt[i] = pos;
                    pos = skipValue(b, pos);
                }
                for (int i = 0; i < nCol; i++) {
                    newAt[i] = pos;
                    pos = skipValue(b, pos);
                }
                out.write(op);
                out.write(indirect);
                for (int i = 0; i < nCol; i++) writeValue(out, b, pk[i] != 0 ? oldAt[i] : newAt[i], end);
                for (int i = 0; i < nCol; i++) {
                    if (pk[i] != 0) out.write(UNDEFINED); else writeValue(out, b, oldAt[i], end);
                }
            } else {
                throw corrupt("unknown operation " + op, at);
            }
        }
        return out.toByteArray();
    }

    /** Re-serializes the value at {@code at} the way {@code sessionSerializeValue} does. */
    private static void writeValue(ByteArrayOutputStream out, byte[] b, int at, int[] end) {
        int type = b[at];
        switch (type) {
            case INTEGER:
                out.write(b, at, 9);
                break;
            case REAL:
                if (Double.isNaN(Double.longBitsToDouble(bigEndian(b, at + 1)))) out.write(NULL); else out.write(b, at, 9);
                break;
            case TEXT:
            case BLOB: {
                long n = varint(b, at + 1, end);
                out.write(type);
                putVarint(out, n);
                out.write(b, end[0], (int) n);
                break;
            }
            default:
                out.write(type);   // undefined or NULL
        }
    }
}
