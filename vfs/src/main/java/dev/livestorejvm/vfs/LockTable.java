package dev.livestorejvm.vfs;

import static dev.livestorejvm.vfs.ResultCodes.SQLITE_BUSY;

/**
 * SQLite's lock protocol among the connections of one process for one file: many SHARED, at most
 * one RESERVED, and PENDING/EXCLUSIVE that wait for readers to leave. OS record locks are per
 * process, so a VFS that also takes them still needs this to arbitrate between its own
 * connections. Each holder remembers its own level; this object keeps the totals.
 */
public final class LockTable {
    private int shared;
    private Object reserved;   // holder of RESERVED, PENDING or EXCLUSIVE (there is at most one writer)
    private boolean pending;
    private boolean exclusive;

    /**
     * Moves {@code holder} from {@code from} up to {@code to}. On BUSY the holder keeps the highest
     * level reached (as SQLite expects: a failed EXCLUSIVE leaves PENDING held).
     *
     * @return the level the holder now has
     */
    public synchronized LockLevel lock(Object holder, LockLevel from, LockLevel to) throws VfsException {
        if (to.compareTo(from) <= 0) return from;
        LockLevel level = from;
        if (level == LockLevel.NONE) {
            if (pending || exclusive) throw busy("a writer is finishing its transaction");
            shared++;
            level = LockLevel.SHARED;
        }
        if (to == LockLevel.SHARED) return level;
        if (level == LockLevel.SHARED) {
            if (reserved != null && reserved != holder) throw busy("another connection holds RESERVED");
            reserved = holder;
            level = LockLevel.RESERVED;
        }
        if (to == LockLevel.RESERVED) return level;
        pending = true;
        level = LockLevel.PENDING;
        if (to == LockLevel.PENDING) return level;
        if (shared > 1) throw new BusyAt(LockLevel.PENDING, "other connections are still reading");
        exclusive = true;
        return LockLevel.EXCLUSIVE;
    }

    /** Moves {@code holder} from {@code from} down to {@code to} (SHARED or NONE). */
    public synchronized LockLevel unlock(Object holder, LockLevel from, LockLevel to) {
        if (to.compareTo(from) >= 0) return from;
        if (from.compareTo(LockLevel.RESERVED) >= 0 && reserved == holder) {
            reserved = null;
            pending = false;
            exclusive = false;
        }
        if (to == LockLevel.NONE && from.compareTo(LockLevel.SHARED) >= 0) shared--;
        return to;
    }

    /** True if some holder has RESERVED or more. */
    public synchronized boolean reserved() {
        return reserved != null;
    }

    /** Number of holders with SHARED or more: zero means nobody has the file locked. */
    public synchronized int holders() {
        return shared;
    }

    private static VfsException busy(String why) {
        return new VfsException(SQLITE_BUSY, why);
    }

    /** BUSY while raising to EXCLUSIVE, after PENDING was taken: the holder now holds PENDING. */
    public static final class BusyAt extends VfsException {
        private final LockLevel reached;

        BusyAt(LockLevel reached, String why) {
            super(SQLITE_BUSY, why);
            this.reached = reached;
        }

        public LockLevel reached() {
            return reached;
        }
    }
}
