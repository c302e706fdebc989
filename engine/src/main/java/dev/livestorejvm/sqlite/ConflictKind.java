package dev.livestorejvm.sqlite;

/** Why a change could not be applied as recorded ({@code SQLITE_CHANGESET_*}). */
public enum ConflictKind {
    /** The row exists but its values differ from the change's old values. */
    DATA(1),
    /** The row to update or delete does not exist. */
    NOTFOUND(2),
    /** An inserted row's primary key already exists. */
    CONFLICT(3),
    /** Applying the change would break a constraint (UNIQUE, CHECK, NOT NULL). */
    CONSTRAINT(4),
    /** Foreign keys are violated once every change is applied. */
    FOREIGN_KEY(5);

    private final int code;

    ConflictKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static ConflictKind of(int code) {
        for (ConflictKind k : values()) if (k.code == code) return k;
        throw new IllegalArgumentException("unknown changeset conflict kind " + code);
    }
}
