package dev.livestorejvm.sqlite;

import static dev.livestorejvm.sqlite.ChangesetFormat.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a changeset's entries in order, in Java (the binary exports no {@code sqlite3changeset_next}).
 * A malformed or truncated changeset fails with {@code SQLITE_CORRUPT}. Patchsets are not read.
 */
public final class ChangesetReader implements Iterator<ChangesetEntry> {
    private final byte[] b;
    private int pos;
    private String table;
    private int columnCount;
    private List<Integer> primaryKey;
    private final int[] end = new int[1];

    ChangesetReader(byte[] changeset) {
        this.b = changeset;
    }

    @Override
    public boolean hasNext() {
        while (pos < b.length && (b[pos] == TABLE || b[pos] == PATCHSET_TABLE)) readHeader();
        return pos < b.length;
    }

    @Override
    public ChangesetEntry next() {
        if (!hasNext()) throw new NoSuchElementException("no more changes");
        if (table == null) throw corrupt("a change before any table header", pos);
        int at = pos;
        Operation op = Operation.of(b[pos]);
        if (op == null) throw corrupt("unknown operation " + b[pos], at);
        if (pos + 2 > b.length) throw corrupt("truncated change", at);
        boolean indirect = b[pos + 1] != 0;
        pos += 2;
        List<Object> oldValues = op == Operation.INSERT ? List.of() : record();
        List<Object> newValues = op == Operation.DELETE ? List.of() : record();
        return new ChangesetEntry(table, columnCount, primaryKey, op, indirect, oldValues, newValues);
    }

    /** Every remaining entry. */
    public List<ChangesetEntry> readAll() {
        List<ChangesetEntry> all = new ArrayList<>();
        while (hasNext()) all.add(next());
        return all;
    }

    private void readHeader() {
        int at = pos;
        if (b[pos] == PATCHSET_TABLE) throw new SqliteException(ResultCode.SQLITE_MISUSE,
            "this is a patchset, not a changeset: its changes are not read here");
        long n = varint(b, pos + 1, end);
        if (n < 1 || n > 32767) throw corrupt("column count " + n, at);
        int pk = end[0];
        if (pk + n > b.length) throw corrupt("truncated table header", at);
        Integer[] flags = new Integer[(int) n];
        for (int i = 0; i < n; i++) flags[i] = b[pk + i] & 0xff;
        int name = pk + (int) n;
        int nul = name;
        while (nul < b.length && b[nul] != 0) nul++;
        if (nul >= b.length) throw corrupt("table name without its terminating NUL", at);
        table = new String(b, name, nul - name, StandardCharsets.UTF_8);
        columnCount = (int) n;
        primaryKey = List.of(flags);
        pos = nul + 1;
    }

    private List<Object> record() {
        Object[] values = new Object[columnCount];
        for (int i = 0; i < columnCount; i++) {
            int start = pos;
            pos = skipValue(b, pos);
            values[i] = value(start);
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    private Object value(int at) {
        switch (b[at]) {
            case INTEGER: return bigEndian(b, at + 1);
            case REAL: return Double.longBitsToDouble(bigEndian(b, at + 1));
            case TEXT:
            case BLOB: {
                long n = varint(b, at + 1, end);
                int from = end[0];
                return b[at] == TEXT ? new String(b, from, (int) n, StandardCharsets.UTF_8)
                    : Arrays.copyOfRange(b, from, from + (int) n);
            }
            case NULL: return null;
            default: return ChangesetEntry.UNDEFINED;
        }
    }
}
