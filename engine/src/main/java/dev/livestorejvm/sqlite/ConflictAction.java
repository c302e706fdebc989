package dev.livestorejvm.sqlite;

/** A conflict handler's answer ({@code SQLITE_CHANGESET_OMIT/REPLACE/ABORT}). */
public enum ConflictAction {
    /** Skip this change. */
    OMIT(0),
    /** Apply the change anyway, replacing the row (only for DATA and CONFLICT). */
    REPLACE(1),
    /** Stop: every change applied so far is rolled back and the apply fails with SQLITE_ABORT. */
    ABORT(2);

    private final int code;

    ConflictAction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
