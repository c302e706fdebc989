package dev.livestorejvm.sqlite;

/**
 * Called every N virtual-machine steps of a running statement ({@code sqlite3_progress_handler}):
 * true interrupts the statement (SQLITE_INTERRUPT), e.g. when a deadline passed. An exception
 * interrupts too, and becomes the cause of the error. It must not use the database.
 */
@FunctionalInterface
public interface ProgressHandler {
    boolean shouldInterrupt();
}
