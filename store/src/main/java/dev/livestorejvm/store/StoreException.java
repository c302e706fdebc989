package dev.livestorejvm.store;

/**
 * A store operation was refused or failed. {@link #kind()} tells the failures apart for code that
 * reacts to them; the message names the event (with its sequence number when it has one), the table
 * or the file. Nothing of a refused or failed operation stays in the store's files.
 */
public class StoreException extends RuntimeException {
    /** What went wrong, for callers that handle failures differently. */
    public enum Kind {
        /** Event arguments, query bindings or a call's parameters do not fit what was declared. */
        BAD_ARGUMENTS,
        /** An event name the schema does not define. */
        UNKNOWN_EVENT,
        /** A table, column or definition the schema does not have, or a schema that cannot be built. */
        SCHEMA,
        /** A materializer threw, or wrote what it did not declare, or its SQL failed. */
        MATERIALIZER_FAILED,
        /** A query's SQL failed. */
        QUERY_FAILED,
        /** The store's directory is held by another process, or by another store of this process. */
        STORE_IN_USE,
        /** The leader could not write to disk (I/O error, disk full); the named events were rolled back. */
        PERSISTENCE_FAILED,
        /** A store file is not a database, is damaged, or holds what this version cannot read. */
        CORRUPT_FILE,
        /** The store's files could not be opened or created. */
        OPEN_FAILED,
        /** The store (or its leader, after a failure it could not recover from) is closed. */
        CLOSED,
        /** A call made where it cannot work, e.g. waiting for the leader from a callback the leader runs. */
        MISUSE
    }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** An exception of the same kind and message, thrown again on another call or thread. */
    StoreException(StoreException reported) {
        this(reported.kind, reported.getMessage(), reported);
    }

    public Kind kind() {
        return kind;
    }
}
