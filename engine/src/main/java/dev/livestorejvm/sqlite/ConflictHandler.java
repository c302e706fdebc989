package dev.livestorejvm.sqlite;

/**
 * Decides what {@link Database#applyChangeset} does with a change that conflicts with the
 * database. An exception thrown here aborts the apply (nothing of it stays) and becomes the cause
 * of the {@link SqliteException} it throws.
 */
@FunctionalInterface
public interface ConflictHandler {
    /** Aborts on any conflict. */
    ConflictHandler ABORT = kind -> ConflictAction.ABORT;

    /**
     * LiveStore's rollback policy: REPLACE on DATA and CONFLICT, OMIT on NOTFOUND, CONSTRAINT and
     * FOREIGN_KEY.
     */
    ConflictHandler REPLACE_OR_OMIT = kind ->
        kind == ConflictKind.DATA || kind == ConflictKind.CONFLICT ? ConflictAction.REPLACE : ConflictAction.OMIT;

    ConflictAction onConflict(ConflictKind kind);
}
