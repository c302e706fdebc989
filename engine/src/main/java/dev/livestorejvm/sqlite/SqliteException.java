package dev.livestorejvm.sqlite;


import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * An SQLite error: the primary and extended result codes, SQLite's own message, and where
 * available the SQL, the byte offset of the error in it, and the database file.
 */
public class SqliteException extends RuntimeException {
    private static final Map<Integer, String> NAMES = codeNames();

    private final int extendedCode;
    private final String sqliteMessage;
    private final String sql;
    private final int errorOffset;
    private final String database;

    public SqliteException(int extendedCode, String sqliteMessage, String sql, int errorOffset, String database, Throwable cause) {
        super(describe(extendedCode, sqliteMessage, sql, errorOffset, database), cause);
        this.extendedCode = extendedCode;
        this.sqliteMessage = sqliteMessage;
        this.sql = sql;
        this.errorOffset = errorOffset;
        this.database = database;
    }

    public SqliteException(int extendedCode, String sqliteMessage) {
        this(extendedCode, sqliteMessage, null, -1, null, null);
    }

    /** The primary result code, e.g. {@link ResultCode#SQLITE_CONSTRAINT}. */
    public int resultCode() {
        return extendedCode & 0xff;
    }

    /** The extended result code, e.g. {@link ResultCode#SQLITE_CONSTRAINT_UNIQUE}. */
    public int extendedCode() {
        return extendedCode;
    }

    /** SQLite's message ({@code sqlite3_errmsg}), without the code or context this exception adds. */
    public String sqliteMessage() {
        return sqliteMessage;
    }

    /** The statement being prepared or run, if known. */
    public String sql() {
        return sql;
    }

    /** Byte offset (in UTF-8) into {@link #sql()} where SQLite located the error, or -1. */
    public int errorOffset() {
        return errorOffset;
    }

    /** The database file name, if known. */
    public String database() {
        return database;
    }

    /** The symbolic name of a result code, e.g. {@code SQLITE_BUSY_TIMEOUT}. */
    public static String codeName(int code) {
        String name = NAMES.get(code);
        if (name != null) return name;
        String primary = NAMES.get(code & 0xff);
        return primary != null ? primary + "(" + code + ")" : "SQLITE_UNKNOWN(" + code + ")";
    }

    private static String describe(int code, String message, String sql, int offset, String database) {
        StringBuilder s = new StringBuilder("[").append(codeName(code)).append("] ").append(message);
        if (sql != null) {
            s.append(" (in \"").append(sql.length() > 200 ? sql.substring(0, 200) + "..." : sql).append('"');
            if (offset >= 0) s.append(" at byte ").append(offset);
            s.append(')');
        }
        if (database != null && !database.isEmpty()) s.append(" [database: ").append(database).append(']');
        return s.toString();
    }

    private static Map<Integer, String> codeNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Field f : ResultCode.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    names.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return names;
    }
}
