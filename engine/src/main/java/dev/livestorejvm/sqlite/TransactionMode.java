package dev.livestorejvm.sqlite;

/** How a transaction takes its locks (<a href="https://sqlite.org/lang_transaction.html">sqlite.org</a>). */
public enum TransactionMode {
    /** Locks are taken when first needed (SQLite's default). */
    DEFERRED,
    /** The write lock is taken at once: later writes cannot fail with SQLITE_BUSY. */
    IMMEDIATE,
    /** Like IMMEDIATE; in WAL mode also keeps readers of other connections out. */
    EXCLUSIVE
}
