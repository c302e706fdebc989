package dev.livestorejvm.store;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
                    try {
                        return Json.write(value);
                    } catch (IllegalArgumentException e) {
                        throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "column " + table + "." + column.name() + " (json) cannot hold " + value + ": "
                            + e.getMessage(), e);
                    }
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
            throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "column " + table + "." + column.name() + " takes an ISO-8601 instant, got '"
                + value + "'", e);
        }
        throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "column " + table + "." + column.name() + " (" + column.kind().name().toLowerCase()
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

    /**
     * A number as JavaScript prints it ({@code Number.prototype.toString}, which {@code JSON.stringify}
     * uses): the shortest digits that read back as the same double, integral values without
     * {@code .0}, plain notation for magnitudes in [1e-6, 1e21) and {@code 1.5e+21} / {@code 1e-7}
     * outside, {@code -0} as {@code 0}. A float prints its own shortest digits (0.1f is 0.1). NaN and
     * infinities have no JSON form: callers refuse them.
     */
    static String jsNumber(Object n) {
        if (n instanceof Double) return jsNumber((Double) n, false);
        if (n instanceof Float) return jsNumber((Float) n, true);
        return n.toString();
    }

    private static String jsNumber(double d, boolean isFloat) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
        if (d == 0) return "0";
        BigDecimal b = shortest(d, isFloat).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) return b.toPlainString();
        String digits = b.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - b.scale();
        String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent >= 0 ? "+" : "-") + Math.abs(exponent);
    }

    /** The fewest significant digits that read back as the same value (JDK 17's toString is not always shortest). */
    private static BigDecimal shortest(double d, boolean isFloat) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (isFloat ? r.floatValue() == (float) d : r.doubleValue() == d) return r;
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
