package dev.livestorejvm.vfs;

/** SQLite's five file lock levels (<a href="https://sqlite.org/lockingv3.html">sqlite.org/lockingv3.html</a>). */
public enum LockLevel {
    NONE, SHARED, RESERVED, PENDING, EXCLUSIVE;

    /** The level for SQLite's integer code ({@code SQLITE_LOCK_NONE} = 0 ... {@code SQLITE_LOCK_EXCLUSIVE} = 4). */
    public static LockLevel of(int code) {
        return values()[code];
    }
}
