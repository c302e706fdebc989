package dev.livestorejvm.sqlite;

/** A row change, with SQLite's code for it (as in the update hook and changesets). */
public enum Operation {
    INSERT(18), UPDATE(23), DELETE(9);

    private final int code;

    Operation(int code) {
        this.code = code;
    }

    /** {@code SQLITE_INSERT}, {@code SQLITE_UPDATE} or {@code SQLITE_DELETE}. */
    public int code() {
        return code;
    }

    /** The operation for SQLite's code, or null if it names none. */
    public static Operation of(int code) {
        switch (code) {
            case 18: return INSERT;
            case 23: return UPDATE;
            case 9: return DELETE;
            default: return null;
        }
    }
}
