package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.ResultCode;
import dev.livestorejvm.sqlite.SqliteException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;

/**
 * SQLite's errors as JDBC's: the extended result code is {@link SQLException#getErrorCode()}, the
 * SQLState follows SQL:2016 classes (23 integrity, 42 syntax or missing object, 08 connection,
 * 22 data, 57014 cancelled), and the {@link SqliteException} stays the cause.
 */
final class Errors {
    private Errors() {}

    /** SQLite's code as {@code getErrorCode()} for failures the driver itself detects. */
    static SQLException closed(String what) {
        String state = what.equals("connection") ? "08003" : "HY010";
        return new SQLNonTransientException("[SQLITE_MISUSE] the " + what + " is closed", state, ResultCode.SQLITE_MISUSE);
    }

    static SQLException badIndex(String what, int index, int max) {
        return new SQLNonTransientException("[SQLITE_RANGE] " + what + " index " + index + " out of range 1.." + max,
            "07009", ResultCode.SQLITE_RANGE);
    }

    static SQLException badValue(String message) {
        return new SQLDataException("[SQLITE_MISMATCH] " + message, "22018", ResultCode.SQLITE_MISMATCH);
    }

    static SQLException misuse(String message) {
        return new SQLNonTransientException("[SQLITE_MISUSE] " + message, "HY010", ResultCode.SQLITE_MISUSE);
    }

    static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by this driver", "0A000");
    }

    /** The JDBC exception for an engine failure; {@code timedOut} tells a query timeout from a cancel. */
    static SQLException of(SqliteException e, boolean timedOut) {
        int code = e.extendedCode();
        String msg = e.getMessage();
        String lower = e.sqliteMessage() == null ? "" : e.sqliteMessage().toLowerCase();
        switch (e.resultCode()) {
            case ResultCode.SQLITE_CONSTRAINT:
                return new SQLIntegrityConstraintViolationException(msg, constraintState(code), code, e);
            case ResultCode.SQLITE_BUSY:
            case ResultCode.SQLITE_LOCKED:
                return new SQLTransientException(msg, "40001", code, e);
            case ResultCode.SQLITE_INTERRUPT:
                return timedOut ? new SQLTimeoutException(msg, "57014", code, e) : new SQLException(msg, "57014", code, e);
            case ResultCode.SQLITE_ERROR:
                if (lower.contains("syntax error") || lower.startsWith("incomplete input") || lower.startsWith("unrecognized token")) {
                    return new SQLSyntaxErrorException(msg, "42000", code, e);
                }
                if (lower.startsWith("no such table") || lower.startsWith("no such view")) return new SQLSyntaxErrorException(msg, "42S02", code, e);
                if (lower.startsWith("no such column")) return new SQLSyntaxErrorException(msg, "42S22", code, e);
                if (lower.contains("already exists")) return new SQLSyntaxErrorException(msg, "42S01", code, e);
                return new SQLException(msg, "HY000", code, e);
            case ResultCode.SQLITE_READONLY:
                return new SQLNonTransientException(msg, "25006", code, e);
            case ResultCode.SQLITE_CANTOPEN:
            case ResultCode.SQLITE_NOTADB:
            case ResultCode.SQLITE_CORRUPT:
                return new SQLNonTransientConnectionException(msg, "08001", code, e);
            case ResultCode.SQLITE_RANGE:
                return new SQLNonTransientException(msg, "07009", code, e);
            case ResultCode.SQLITE_MISMATCH:
                return new SQLDataException(msg, "22018", code, e);
            case ResultCode.SQLITE_TOOBIG:
                return new SQLDataException(msg, "22001", code, e);
            case ResultCode.SQLITE_MISUSE:
                return new SQLNonTransientException(msg, lower.contains("closed") ? "08003" : "HY010", code, e);
            case ResultCode.SQLITE_NOMEM:
                return new SQLException(msg, "53200", code, e);
            case ResultCode.SQLITE_FULL:
                return new SQLException(msg, "53100", code, e);
            case ResultCode.SQLITE_IOERR:
                return new SQLException(msg, "58030", code, e);
            default:
                return new SQLException(msg, "HY000", code, e);
        }
    }

    static SQLException of(SqliteException e) {
        return of(e, false);
    }

    private static String constraintState(int code) {
        switch (code) {
            case ResultCode.SQLITE_CONSTRAINT_FOREIGNKEY: return "23503";
            case ResultCode.SQLITE_CONSTRAINT_UNIQUE:
            case ResultCode.SQLITE_CONSTRAINT_PRIMARYKEY:
            case ResultCode.SQLITE_CONSTRAINT | (10 << 8): return "23505";   // SQLITE_CONSTRAINT_ROWID
            case ResultCode.SQLITE_CONSTRAINT_NOTNULL: return "23502";
            case ResultCode.SQLITE_CONSTRAINT_CHECK: return "23514";
            default: return "23000";
        }
    }
}
