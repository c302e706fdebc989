package dev.livestorejvm.jdbc;

import java.sql.Types;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's declared type (as {@code CREATE TABLE} wrote it) as a {@link Types} code: the usual
 * names first (BIGINT, BOOLEAN, DATE, DECIMAL(10,2), VARCHAR(40), ...), then SQLite's affinity
 * rules (<a href="https://sqlite.org/datatype3.html">datatype3</a>) for anything else.
 */
final class DeclaredTypes {
    private static final Pattern SIZE = Pattern.compile("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private DeclaredTypes() {}

    static int jdbcType(String declared) {
        if (declared == null || declared.isBlank()) return Types.OTHER;   // no declared type: any value (BLOB affinity)
        String t = declared.toUpperCase(Locale.ROOT).replaceAll("\\(.*", "").trim();
        switch (t) {
            case "TINYINT": return Types.TINYINT;
            case "SMALLINT": case "INT2": return Types.SMALLINT;
            case "BIGINT": case "INT8": case "UNSIGNED BIG INT": return Types.BIGINT;
            case "BOOLEAN": case "BOOL": return Types.BOOLEAN;
            case "BIT": return Types.BIT;
            case "DATE": return Types.DATE;
            case "TIME": return Types.TIME;
            case "DATETIME": case "TIMESTAMP": return Types.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE": return Types.TIMESTAMP_WITH_TIMEZONE;
            case "DECIMAL": return Types.DECIMAL;
            case "NUMERIC": return Types.NUMERIC;
            case "REAL": return Types.REAL;
            case "FLOAT": return Types.FLOAT;
            case "DOUBLE": case "DOUBLE PRECISION": return Types.DOUBLE;
            case "CHAR": case "CHARACTER": return Types.CHAR;
            case "NCHAR": case "NATIVE CHARACTER": return Types.NCHAR;
            case "NVARCHAR": return Types.NVARCHAR;
            case "CLOB": return Types.CLOB;
            case "BLOB": return Types.BLOB;
            case "BINARY": return Types.BINARY;
            case "VARBINARY": return Types.VARBINARY;
            default: break;
        }
        if (t.contains("INT")) return Types.INTEGER;
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) return Types.VARCHAR;
        if (t.contains("BLOB")) return Types.BLOB;
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) return Types.DOUBLE;
        return Types.NUMERIC;
    }

    /** The size in parentheses ({@code VARCHAR(40)}: 40), or {@code fallback}. */
    static int size(String declared, int fallback) {
        if (declared == null) return fallback;
        Matcher m = SIZE.matcher(declared);
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }

    /** The scale ({@code DECIMAL(10,2)}: 2), or 0. */
    static int scale(String declared) {
        if (declared == null) return 0;
        Matcher m = SIZE.matcher(declared);
        return m.find() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }
}
