package dev.livestorejvm.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Encodes decoded column values to SQLite storage values and back, as LiveStore's column schemas do. */
final class Values {
    /** {@code Date.prototype.toISOString}: always milliseconds, always Z. */
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private Values() {}

    static String isoString(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /** The storage value (Long, Double, String, byte[] or null) of a decoded value of {@code column}. */
    static Object encode(String table, Column column, Object value) {
        if (value == null) return null;
        try {
            switch (column.kind()) {
                case BOOLEAN:
                    if (value instanceof Boolean) return (Boolean) value ? 1L : 0L;
                    break;
                case JSON:
                    return Json.write(value);
                case DATETIME:
                    if (value instanceof Instant) return isoString((Instant) value);
                    if (value instanceof String) return isoString(Instant.parse((String) value));
                    break;
                case DATETIME_INTEGER:
                    if (value instanceof Instant) return ((Instant) value).toEpochMilli();
                    if (value instanceof Number) return ((Number) value).longValue();
                    break;
                case TEXT:
                    if (value instanceof String) return value;
                    break;
                case INTEGER:
                    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                        return ((Number) value).longValue();
                    }
                    if (value instanceof Boolean) return (Boolean) value ? 1L : 0L;
                    break;
                case REAL:
                    if (value instanceof Number) return ((Number) value).doubleValue();
                    break;
                case BLOB:
                    if (value instanceof byte[]) return value;
                    break;
                default:
                    break;
            }
        } catch (DateTimeParseException e) {
            throw new StoreException("column " + table + "." + column.name() + " takes an ISO-8601 instant, got '"
                + value + "'", e);
        }
        throw new StoreException("column " + table + "." + column.name() + " (" + column.kind().name().toLowerCase()
            + ") cannot hold a " + value.getClass().getSimpleName() + ": " + value);
    }

    /** The decoded value of a storage value read from {@code column}. */
    static Object decode(Column column, Object stored) {
        if (stored == null) return null;
        switch (column.kind()) {
            case BOOLEAN: return stored instanceof Number ? ((Number) stored).longValue() != 0 : stored;
            case JSON: return stored instanceof String ? Json.read((String) stored) : stored;
            case DATETIME: return stored instanceof String ? Instant.parse((String) stored) : stored;
            case DATETIME_INTEGER: return stored instanceof Number ? Instant.ofEpochMilli(((Number) stored).longValue()) : stored;
            default: return stored;
        }
    }

    /** A number as JavaScript prints it: integral doubles without ".0". */
    static String jsNumber(Object n) {
        if (n instanceof Double || n instanceof Float) {
            double d = ((Number) n).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21) return Long.toString((long) d);
            return BigDecimal.valueOf(d).stripTrailingZeros().toString().replace("E", "e");
        }
        return n.toString();
    }
}
