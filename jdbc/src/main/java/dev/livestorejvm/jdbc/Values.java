package dev.livestorejvm.jdbc;

import dev.livestorejvm.jdbc.ConnectionConfig.Param;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.UUID;

/**
 * Java values as SQLite stores them (Long, Double, String, byte[] or null), as xerial's driver
 * stores them: booleans 1/0, BigDecimal as text (exact), {@code java.sql} dates per {@code date_class}
 * (default epoch milliseconds), {@code java.time} values as ISO text that SQLite's date functions read.
 */
final class Values {
    private Values() {}

    /** NaN is stored as NULL by SQLite itself; infinities stay REAL. */
    static Object real(double d) {
        return Double.isNaN(d) ? null : (Object) d;
    }

    static Object bind(BigDecimal x, ConnectionConfig config) {
        return x.toString();
    }

    /** {@code java.sql.Date/Time/Timestamp} (and {@code java.util.Date}): per {@code date_class}. */
    static Object bind(java.util.Date x, Calendar cal, ConnectionConfig config) {
        if (x == null) return null;
        long millis = x.getTime();
        switch (config.get(Param.DATE_CLASS).trim().toUpperCase()) {
            case "TEXT":
                var zone = DateTimes.zone(cal);
                LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
                if (x instanceof java.sql.Timestamp) local = local.withNano(((java.sql.Timestamp) x).getNanos());
                if (x instanceof java.sql.Date) return DateTimes.text(local.toLocalDate());
                if (x instanceof java.sql.Time) return DateTimes.text(local.toLocalTime());
                return DateTimes.text(local);
            case "REAL":
                return DateTimes.julianDay(millis);
            default:
                return millis;
        }
    }

    /** Any supported Java value. */
    static Object bind(Object x, ConnectionConfig config) throws SQLException {
        if (x == null) return null;
        if (x instanceof String) return x;
        if (x instanceof Long) return x;
        if (x instanceof Integer || x instanceof Short || x instanceof Byte) return ((Number) x).longValue();
        if (x instanceof Double || x instanceof Float) return real(((Number) x).doubleValue());
        if (x instanceof Boolean) return (Boolean) x ? 1L : 0L;
        if (x instanceof byte[]) return ((byte[]) x).clone();
        if (x instanceof BigDecimal) return bind((BigDecimal) x, config);
        if (x instanceof BigInteger) {
            BigInteger b = (BigInteger) x;
            return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
        }
        if (x instanceof java.util.Date) return bind((java.util.Date) x, null, config);
        if (x instanceof LocalDate) return DateTimes.text((LocalDate) x);
        if (x instanceof LocalTime) return DateTimes.text((LocalTime) x);
        if (x instanceof LocalDateTime) return DateTimes.text((LocalDateTime) x);
        if (x instanceof OffsetDateTime) return DateTimes.text((OffsetDateTime) x);
        if (x instanceof ZonedDateTime) return DateTimes.text(((ZonedDateTime) x).toOffsetDateTime());
        if (x instanceof Instant) return DateTimes.text((Instant) x);
        if (x instanceof OffsetTime) return x.toString();
        if (x instanceof Character || x instanceof UUID || x instanceof java.net.URL || x instanceof java.net.URI) return x.toString();
        if (x instanceof Enum) return ((Enum<?>) x).name();
        if (x instanceof Blob) return ((Blob) x).getBytes(1, (int) ((Blob) x).length());
        if (x instanceof Clob) return ((Clob) x).getSubString(1, (int) ((Clob) x).length());
        if (x instanceof InputStream) return read((InputStream) x, -1);
        if (x instanceof Reader) return read((Reader) x, -1);
        throw Errors.badValue("cannot store a " + x.getClass().getName()
            + " (supported: numbers, String, byte[], Boolean, java.sql and java.time dates, UUID, enums, Blob, Clob, streams)");
    }

    /** setObject with a target type: converted to what that type means in SQLite. */
    static Object bind(Object x, int targetSqlType, ConnectionConfig config) throws SQLException {
        if (x == null) return null;
        switch (targetSqlType) {
            case Types.CHAR: case Types.VARCHAR: case Types.LONGVARCHAR: case Types.NCHAR: case Types.NVARCHAR:
            case Types.LONGNVARCHAR: case Types.CLOB: case Types.NCLOB: {
                Object v = bind(x, config);
                return v instanceof byte[] ? new String((byte[]) v, java.nio.charset.StandardCharsets.UTF_8) : v.toString();
            }
            case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER: case Types.BIGINT: {
                if (x instanceof Number) return ((Number) x).longValue();
                if (x instanceof Boolean) return (Boolean) x ? 1L : 0L;
                if (x instanceof String) {
                    try {
                        return Long.parseLong(((String) x).trim());
                    } catch (NumberFormatException e) {
                        throw Errors.badValue("'" + x + "' is not an integer");
                    }
                }
                return bind(x, config);
            }
            case Types.BOOLEAN: case Types.BIT: {
                if (x instanceof Boolean) return (Boolean) x ? 1L : 0L;
                if (x instanceof Number) return ((Number) x).doubleValue() != 0 ? 1L : 0L;
                if (x instanceof String) return Boolean.parseBoolean(((String) x).trim()) || "1".equals(((String) x).trim()) ? 1L : 0L;
                return bind(x, config);
            }
            case Types.REAL: case Types.FLOAT: case Types.DOUBLE: {
                if (x instanceof Number) return real(((Number) x).doubleValue());
                if (x instanceof String) {
                    try {
                        return real(Double.parseDouble(((String) x).trim()));
                    } catch (NumberFormatException e) {
                        throw Errors.badValue("'" + x + "' is not a number");
                    }
                }
                return bind(x, config);
            }
            case Types.DECIMAL: case Types.NUMERIC: {
                if (x instanceof BigDecimal) return x.toString();
                if (x instanceof Number || x instanceof String) {
                    try {
                        return new BigDecimal(x.toString().trim()).toString();
                    } catch (NumberFormatException e) {
                        throw Errors.badValue("'" + x + "' is not a decimal number");
                    }
                }
                return bind(x, config);
            }
            case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: case Types.BLOB: {
                if (x instanceof String) return ((String) x).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                return bind(x, config);
            }
            case Types.DATE: {
                if (x instanceof LocalDateTime) return DateTimes.text(((LocalDateTime) x).toLocalDate());
                if (x instanceof java.util.Date && !(x instanceof java.sql.Date)) return bind(new java.sql.Date(((java.util.Date) x).getTime()), null, config);
                return bind(x, config);
            }
            case Types.TIME: {
                if (x instanceof LocalDateTime) return DateTimes.text(((LocalDateTime) x).toLocalTime());
                if (x instanceof java.util.Date && !(x instanceof java.sql.Time)) return bind(new java.sql.Time(((java.util.Date) x).getTime()), null, config);
                return bind(x, config);
            }
            case Types.TIMESTAMP: {
                if (x instanceof LocalDate) return DateTimes.text(((LocalDate) x).atStartOfDay());
                return bind(x, config);
            }
            case Types.NULL:
                return null;
            case Types.ARRAY: case Types.REF: case Types.STRUCT: case Types.DATALINK: case Types.ROWID: case Types.SQLXML:
            case Types.REF_CURSOR:
                throw Errors.unsupported("setObject with target type " + targetSqlType);
            default:
                return bind(x, config);
        }
    }

    static byte[] read(InputStream in, long length) throws SQLException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                out.write(buf, 0, n);
                left -= n;
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new SQLException("reading the stream of a parameter failed: " + e, "HY000", e);
        }
    }

    static String read(Reader in, long length) throws SQLException {
        try {
            StringBuilder out = new StringBuilder();
            char[] buf = new char[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                out.append(buf, 0, n);
                left -= n;
            }
            return out.toString();
        } catch (IOException e) {
            throw new SQLException("reading the stream of a parameter failed: " + e, "HY000", e);
        }
    }
}
