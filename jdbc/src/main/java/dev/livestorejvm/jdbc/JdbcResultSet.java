package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A forward-only, read-only result set. Values convert as xerial's driver converts them: numbers
 * and text through SQLite's own conversions, INTEGER read by {@code getObject} as Integer when it
 * fits (else Long), dates from epoch milliseconds (INTEGER), Julian days (REAL) or text.
 */
final class JdbcResultSet extends UnsupportedResultSetMethods implements SelfWrapper {
    private final JdbcStatement owner;   // null for rows the driver made up (metadata)
    private final Cursor cursor;
    private final ConnectionConfig config;
    private boolean closed;
    private boolean wasNull;
    private long row;
    private boolean after;
    private Map<String, Integer> labels;
    private JdbcResultSetMetaData meta;

    JdbcResultSet(JdbcStatement owner, Cursor cursor) {
        this.owner = owner;
        this.cursor = cursor;
        this.config = owner == null ? null : owner.conn.config;
    }

    /** Rows made by the driver (DatabaseMetaData). */
    JdbcResultSet(JdbcConnection conn, Cursor cursor) {
        this.owner = null;
        this.cursor = cursor;
        this.config = conn.config;
    }

    // ---- moving ----

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (after) return false;
        if (cursor.next()) {
            row++;
            return true;
        }
        after = true;
        return false;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        boolean any = cursor instanceof StatementCursor ? !((StatementCursor) cursor).empty() : ((RowsCursor) cursor).size() > 0;
        return row == 0 && !after && any;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return after && row > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1 && !after;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (cursor instanceof RowsCursor) return ((RowsCursor) cursor).isLast();
        throw Errors.unsupported("isLast on a result set read from a running statement");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return after ? 0 : (int) row;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) throw Errors.unsupported("Fetch directions other than FETCH_FORWARD");
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) throw Errors.misuse("fetch size < 0");
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return CLOSE_CURSORS_AT_COMMIT;
    }

    // ---- lifecycle ----

    @Override
    public void close() throws SQLException {
        if (closed) return;
        closed = true;
        cursor.close();
        if (owner != null) owner.resultSetClosed(this);
    }

    /** The statement runs again or closes: this result set closes without telling it back. */
    void closeFromStatement() throws SQLException {
        if (closed) return;
        closed = true;
        cursor.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws SQLException {
        if (closed) throw Errors.closed("result set");
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return owner;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (meta == null) meta = new JdbcResultSetMetaData(cursor);
        return meta;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (labels == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = cursor.columnCount() - 1; i >= 0; i--) m.put(cursor.columnName(i).toLowerCase(Locale.ROOT), i + 1);
            labels = m;
        }
        Integer i = label == null ? null : labels.get(label.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new SQLException("[SQLITE_RANGE] no column labelled '" + label + "' in this result set", "42S22", 25);
        }
        return i;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    // ---- reading values ----

    /** The 0-based column for a 1-based index, with the result set open and on a row. */
    private int col(int index) throws SQLException {
        checkOpen();
        int n = cursor.columnCount();
        if (index < 1 || index > n) throw Errors.badIndex("column", index, n);
        if (row == 0 || after || !cursor.hasRow()) throw Errors.misuse("no current row: call next() first (or it returned false)");
        return index - 1;
    }

    private ColumnType type(int c) throws SQLException {
        ColumnType t = cursor.type(c);
        wasNull = t == ColumnType.NULL;
        return t;
    }

    @Override
    public String getString(int i) throws SQLException {
        String s = cursor.getText(col(i));
        wasNull = s == null;
        return s;
    }

    @Override
    public long getLong(int i) throws SQLException {
        int c = col(i);
        long v = cursor.getLong(c);
        wasNull = v == 0 && cursor.type(c) == ColumnType.NULL;
        return v;
    }

    @Override
    public int getInt(int i) throws SQLException {
        return (int) getLong(i);
    }

    @Override
    public short getShort(int i) throws SQLException {
        return (short) getLong(i);
    }

    @Override
    public byte getByte(int i) throws SQLException {
        return (byte) getLong(i);
    }

    /** As xerial: the value as a 32-bit integer (SQLite's conversion), non-zero is true. */
    @Override
    public boolean getBoolean(int i) throws SQLException {
        return getInt(i) != 0;
    }

    @Override
    public double getDouble(int i) throws SQLException {
        int c = col(i);
        double v = cursor.getDouble(c);
        wasNull = v == 0 && cursor.type(c) == ColumnType.NULL;
        return v;
    }

    @Override
    public float getFloat(int i) throws SQLException {
        return (float) getDouble(i);
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        int c = col(i);
        switch (type(c)) {
            case NULL: return null;
            case INTEGER: return BigDecimal.valueOf(cursor.getLong(c));
            case FLOAT: return new BigDecimal(cursor.getText(c));
            default:
                String s = cursor.getText(c).trim();
                try {
                    return new BigDecimal(s);
                } catch (NumberFormatException e) {
                    throw Errors.badValue("'" + s + "' in column " + i + " is not a decimal number");
                }
        }
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int i, int scale) throws SQLException {
        BigDecimal b = getBigDecimal(i);
        return b == null ? null : b.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int i) throws SQLException {
        byte[] b = cursor.getBlob(col(i));
        wasNull = b == null;
        return b;
    }

    @Override
    public Object getObject(int i) throws SQLException {
        int c = col(i);
        switch (type(c)) {
            case NULL: return null;
            case INTEGER: {
                long v = cursor.getLong(c);
                return v == (int) v ? (Object) (int) v : (Object) v;
            }
            case FLOAT: return cursor.getDouble(c);
            case TEXT: return cursor.getText(c);
            default: return cursor.getBlob(c);
        }
    }

    @Override
    public Object getObject(int i, Map<String, Class<?>> map) throws SQLException {
        if (map == null || map.isEmpty()) return getObject(i);
        throw Errors.unsupported("getObject with a type map");
    }

    @Override
    public <T> T getObject(int i, Class<T> type) throws SQLException {
        if (type == null) throw Errors.misuse("type is null");
        int c = col(i);
        if (type(c) == ColumnType.NULL) return null;
        Object v;
        if (type == String.class) v = getString(i);
        else if (type == Long.class || type == long.class) v = getLong(i);
        else if (type == Integer.class || type == int.class) v = getInt(i);
        else if (type == Short.class) v = getShort(i);
        else if (type == Byte.class) v = getByte(i);
        else if (type == Double.class) v = getDouble(i);
        else if (type == Float.class) v = getFloat(i);
        else if (type == Boolean.class) v = getBoolean(i);
        else if (type == BigDecimal.class) v = getBigDecimal(i);
        else if (type == BigInteger.class) {
            BigDecimal b = getBigDecimal(i);
            v = b.toBigInteger();
        } else if (type == byte[].class) v = getBytes(i);
        else if (type == Date.class) v = getDate(i);
        else if (type == Time.class) v = getTime(i);
        else if (type == Timestamp.class) v = getTimestamp(i);
        else if (type == java.util.Date.class) v = new java.util.Date(getTimestamp(i).getTime());
        else if (type == LocalDate.class) v = localDateTime(c).toLocalDate();
        else if (type == LocalDateTime.class) v = localDateTime(c);
        else if (type == LocalTime.class) v = localTime(c);
        else if (type == OffsetDateTime.class) v = offsetDateTime(c);
        else if (type == ZonedDateTime.class) v = offsetDateTime(c).toZonedDateTime();
        else if (type == Instant.class) v = instant(c, null);
        else if (type == UUID.class) {
            String s = getString(i);
            try {
                v = UUID.fromString(s.trim());
            } catch (IllegalArgumentException e) {
                throw Errors.badValue("'" + s + "' is not a UUID");
            }
        } else if (type == Blob.class) v = getBlob(i);
        else if (type == Clob.class) v = getClob(i);
        else if (type == Object.class) v = getObject(i);
        else throw Errors.badValue("cannot read column " + i + " as " + type.getName());
        return type.isPrimitive() ? (T) v : type.cast(v);
    }

    // ---- dates and times ----

    private Instant instant(int c, Calendar cal) throws SQLException {
        switch (cursor.type(c)) {
            case INTEGER: return Instant.ofEpochMilli(cursor.getLong(c));
            case FLOAT: return Instant.ofEpochMilli(DateTimes.epochMillis(cursor.getDouble(c)));
            default: return DateTimes.parseInstant(cursor.getText(c), DateTimes.zone(cal));
        }
    }

    private LocalDateTime localDateTime(int c) throws SQLException {
        if (cursor.type(c) == ColumnType.TEXT) return DateTimes.parseLocal(cursor.getText(c));
        return LocalDateTime.ofInstant(instant(c, null), ZoneId.systemDefault());
    }

    private LocalTime localTime(int c) throws SQLException {
        if (cursor.type(c) == ColumnType.TEXT) return DateTimes.parseTime(cursor.getText(c));
        return localDateTime(c).toLocalTime();
    }

    private OffsetDateTime offsetDateTime(int c) throws SQLException {
        if (cursor.type(c) == ColumnType.TEXT) return DateTimes.parseOffset(cursor.getText(c), ZoneId.systemDefault());
        return instant(c, null).atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }

    @Override
    public Date getDate(int i) throws SQLException {
        return getDate(i, null);
    }

    @Override
    public Date getDate(int i, Calendar cal) throws SQLException {
        int c = col(i);
        if (type(c) == ColumnType.NULL) return null;
        if (cursor.type(c) == ColumnType.TEXT && cal == null) return Date.valueOf(DateTimes.parseLocal(cursor.getText(c)).toLocalDate());
        return new Date(instant(c, cal).toEpochMilli());
    }

    @Override
    public Time getTime(int i) throws SQLException {
        return getTime(i, null);
    }

    @Override
    public Time getTime(int i, Calendar cal) throws SQLException {
        int c = col(i);
        if (type(c) == ColumnType.NULL) return null;
        if (cursor.type(c) == ColumnType.TEXT) {
            String s = cursor.getText(c);
            if (s.trim().length() <= 18 && s.indexOf('-') < 0) {   // a time of day alone
                LocalTime t = DateTimes.parseTime(s);
                if (cal == null) return Time.valueOf(t);
                return new Time(LocalDate.of(1970, 1, 1).atTime(t).atZone(DateTimes.zone(cal)).toInstant().toEpochMilli());
            }
        }
        return new Time(instant(c, cal).toEpochMilli());
    }

    @Override
    public Timestamp getTimestamp(int i) throws SQLException {
        return getTimestamp(i, null);
    }

    @Override
    public Timestamp getTimestamp(int i, Calendar cal) throws SQLException {
        int c = col(i);
        if (type(c) == ColumnType.NULL) return null;
        if (cursor.type(c) == ColumnType.TEXT) {
            String s = cursor.getText(c);
            if (cal == null && !hasOffset(s)) return Timestamp.valueOf(DateTimes.parseLocal(s));
            return Timestamp.from(DateTimes.parseInstant(s, DateTimes.zone(cal)));
        }
        return Timestamp.from(instant(c, cal));
    }

    private static boolean hasOffset(String s) {
        String t = s.trim();
        return t.endsWith("Z") || t.length() > 19 && (t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10);
    }

    // ---- streams and large objects: SQLite hands values whole ----

    @Override
    public InputStream getBinaryStream(int i) throws SQLException {
        byte[] b = getBytes(i);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public InputStream getAsciiStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int i) throws SQLException {
        throw Errors.unsupported("getUnicodeStream (deprecated)");
    }

    @Override
    public Reader getCharacterStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int i) throws SQLException {
        return getCharacterStream(i);
    }

    @Override
    public String getNString(int i) throws SQLException {
        return getString(i);
    }

    @Override
    public Blob getBlob(int i) throws SQLException {
        byte[] b = getBytes(i);
        return b == null ? null : new javax.sql.rowset.serial.SerialBlob(b);
    }

    @Override
    public Clob getClob(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new javax.sql.rowset.serial.SerialClob(s.toCharArray());
    }

    // ---- by label ----

    @Override public String getString(String l) throws SQLException { return getString(findColumn(l)); }
    @Override public boolean getBoolean(String l) throws SQLException { return getBoolean(findColumn(l)); }
    @Override public byte getByte(String l) throws SQLException { return getByte(findColumn(l)); }
    @Override public short getShort(String l) throws SQLException { return getShort(findColumn(l)); }
    @Override public int getInt(String l) throws SQLException { return getInt(findColumn(l)); }
    @Override public long getLong(String l) throws SQLException { return getLong(findColumn(l)); }
    @Override public float getFloat(String l) throws SQLException { return getFloat(findColumn(l)); }
    @Override public double getDouble(String l) throws SQLException { return getDouble(findColumn(l)); }
    @Override @Deprecated public BigDecimal getBigDecimal(String l, int scale) throws SQLException { return getBigDecimal(findColumn(l), scale); }
    @Override public BigDecimal getBigDecimal(String l) throws SQLException { return getBigDecimal(findColumn(l)); }
    @Override public byte[] getBytes(String l) throws SQLException { return getBytes(findColumn(l)); }
    @Override public Date getDate(String l) throws SQLException { return getDate(findColumn(l)); }
    @Override public Date getDate(String l, Calendar cal) throws SQLException { return getDate(findColumn(l), cal); }
    @Override public Time getTime(String l) throws SQLException { return getTime(findColumn(l)); }
    @Override public Time getTime(String l, Calendar cal) throws SQLException { return getTime(findColumn(l), cal); }
    @Override public Timestamp getTimestamp(String l) throws SQLException { return getTimestamp(findColumn(l)); }
    @Override public Timestamp getTimestamp(String l, Calendar cal) throws SQLException { return getTimestamp(findColumn(l), cal); }
    @Override public InputStream getAsciiStream(String l) throws SQLException { return getAsciiStream(findColumn(l)); }
    @Override @Deprecated public InputStream getUnicodeStream(String l) throws SQLException { return getUnicodeStream(findColumn(l)); }
    @Override public InputStream getBinaryStream(String l) throws SQLException { return getBinaryStream(findColumn(l)); }
    @Override public Object getObject(String l) throws SQLException { return getObject(findColumn(l)); }
    @Override public Object getObject(String l, Map<String, Class<?>> map) throws SQLException { return getObject(findColumn(l), map); }
    @Override public <T> T getObject(String l, Class<T> type) throws SQLException { return getObject(findColumn(l), type); }
    @Override public Reader getCharacterStream(String l) throws SQLException { return getCharacterStream(findColumn(l)); }
    @Override public Reader getNCharacterStream(String l) throws SQLException { return getNCharacterStream(findColumn(l)); }
    @Override public String getNString(String l) throws SQLException { return getNString(findColumn(l)); }
    @Override public Blob getBlob(String l) throws SQLException { return getBlob(findColumn(l)); }
    @Override public Clob getClob(String l) throws SQLException { return getClob(findColumn(l)); }
}
