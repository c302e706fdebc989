package dev.livestorejvm.sqlite;

/**
 * A user-defined SQL function ({@link Database#createFunction}). Arguments arrive as Long, Double,
 * String, byte[] or null; the result may be any of those, or Integer, Float, Boolean (1/0). An
 * exception makes the statement fail with SQLITE_ERROR and the exception's message (and the
 * exception as the cause). It must not use its own database (that fails with SQLITE_MISUSE).
 */
@FunctionalInterface
public interface ScalarFunction {
    Object apply(Object[] args) throws Exception;
}
