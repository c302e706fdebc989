package dev.livestorejvm.sqlite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds changeset bytes in the session extension's format (see {@link ChangesetFormat}), for
 * callers that know the changes without a {@link Session}: the bytes of an insert are those
 * {@code sqlite3session_changeset} writes for it (a table header, then operation 18, indirect 0 and
 * the row's values in column order), given the values as SQLite reads them back from the row.
 * A new table header is written whenever the table differs from the previous change's.
 */
public final class ChangesetWriter {
    private static final int SQLITE_INSERT = 18;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    private String table;

    /**
     * Appends the insert of a row into {@code table}.
     *
     * @param primaryKey per column, 0 or the column's 1-based position in the primary key (as
     *     {@link ChangesetEntry#primaryKey()})
     * @param values the row, in column order: Long, Double, String, byte[] or null
     */
    public ChangesetWriter insert(String table, List<Integer> primaryKey, List<Object> values) {
        if (primaryKey.size() != values.size()) {
            throw new IllegalArgumentException("insert into " + table + ": " + values.size() + " values for " + primaryKey.size() + " columns");
        }
        if (!table.equals(this.table)) {
            out.write(ChangesetFormat.TABLE);
            ChangesetFormat.putVarint(out, primaryKey.size());
            for (int pk : primaryKey) out.write(pk);
            out.writeBytes(table.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            this.table = table;
        }
        out.write(SQLITE_INSERT);
        out.write(0);
        for (Object v : values) writeValue(v);
        return this;
    }

    private void writeValue(Object v) {
        if (v == null) {
            out.write(ChangesetFormat.NULL);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.write(ChangesetFormat.INTEGER);
            bigEndian(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            out.write(ChangesetFormat.REAL);
            bigEndian(Double.doubleToRawLongBits(((Number) v).doubleValue()));
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(ChangesetFormat.TEXT);
            ChangesetFormat.putVarint(out, b.length);
            out.writeBytes(b);
        } else if (v instanceof byte[] b) {
            out.write(ChangesetFormat.BLOB);
            ChangesetFormat.putVarint(out, b.length);
            out.writeBytes(b);
        } else {
            throw new IllegalArgumentException("not an SQLite value: " + v.getClass().getName());
        }
    }

    private void bigEndian(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) out.write((int) (v >>> shift));
    }

    /** The changeset so far (empty if nothing was appended). */
    public Changeset build() {
        return Changeset.wrap(out.toByteArray());
    }
}
