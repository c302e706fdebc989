package dev.livestorejvm.vfs;

import static dev.livestorejvm.vfs.ResultCodes.SQLITE_BUSY;

/**
 * SQLite's lock protocol among the connections of one process for one file: many SHARED, at most
 * one writer (RESERVED, PENDING or EXCLUSIVE), and PENDING/EXCLUSIVE that wait for readers to
 * leave. OS record locks are per process, so a VFS that also takes them still needs this to
 * arbitrate between its own connections: the table takes the process's OS locks (through a
 * {@link ProcessLock}) only when the process as a whole changes level, like SQLite's unix VFS does
 * with its inode table. Each holder remembers its own level; this object keeps the totals.
 */
public final class LockTable {
    /**
     * The locks the whole process holds on the file, outside the JVM (e.g. OS record locks). Each
     * method either takes the lock or throws ({@code SQLITE_BUSY} when another process holds it)
     * leaving what the process held before.
     */
    public interface ProcessLock {
        /** NONE to SHARED. */
        void acquireShared() throws VfsException;

        /** SHARED to RESERVED. */
        void acquireReserved() throws VfsException;

        /** SHARED or RESERVED to PENDING: no new readers from now on. */
        void acquirePending() throws VfsException;

        /** PENDING to EXCLUSIVE: succeeds only when no other process reads. */
        void acquireExclusive() throws VfsException;

        /** Down to SHARED (dropping RESERVED, PENDING, EXCLUSIVE) or to NONE. */
        void release(LockLevel to) throws VfsException;

        /** True if another process holds RESERVED or more. */
        boolean otherReserved() throws VfsException;

        /** For files only this process can see. */
        ProcessLock NONE = new ProcessLock() {
            @Override public void acquireShared() {}
            @Override public void acquireReserved() {}
            @Override public void acquirePending() {}
            @Override public void acquireExclusive() {}
            @Override public void release(LockLevel to) {}
            @Override public boolean otherReserved() { return false; }
        };
    }

    private final ProcessLock process;
    private int shared;
    private Object writer;     // holder of RESERVED, PENDING or EXCLUSIVE (there is at most one)
    private LockLevel writerLevel = LockLevel.NONE;

    public LockTable() {
        this(ProcessLock.NONE);
    }

    public LockTable(ProcessLock process) {
        this.process = process;
    }

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
            if (writerLevel.compareTo(LockLevel.PENDING) >= 0) throw busy("a writer is finishing its transaction");
            if (shared == 0) process.acquireShared();
            shared++;
            level = LockLevel.SHARED;
        }
        if (to == LockLevel.SHARED) return level;
        if (writer != null && writer != holder) throw busy("another connection holds RESERVED");
        if (to == LockLevel.RESERVED) {
            if (level == LockLevel.SHARED) {
                process.acquireReserved();
                writer = holder;
                writerLevel = level = LockLevel.RESERVED;
            }
            return level;
        }
        // PENDING first, then EXCLUSIVE once every other reader is gone (SHARED may go straight
        // there without RESERVED, as the pager does to roll back a hot journal)
        if (level.compareTo(LockLevel.PENDING) < 0) {
            process.acquirePending();
            writer = holder;
            writerLevel = level = LockLevel.PENDING;
        }
        if (to == LockLevel.PENDING) return level;
        if (shared > 1) throw new BusyAt(LockLevel.PENDING, "other connections are still reading");
        try {
            process.acquireExclusive();
        } catch (VfsException e) {
            if (e.code() == SQLITE_BUSY) throw new BusyAt(LockLevel.PENDING, e.getMessage());
            throw e;
        }
        writerLevel = LockLevel.EXCLUSIVE;
        return LockLevel.EXCLUSIVE;
    }

    /** Moves {@code holder} from {@code from} down to {@code to} (SHARED or NONE). */
    public synchronized LockLevel unlock(Object holder, LockLevel from, LockLevel to) throws VfsException {
        if (to.compareTo(from) >= 0) return from;
        if (from.compareTo(LockLevel.RESERVED) >= 0 && writer == holder) {
            writer = null;
            writerLevel = LockLevel.NONE;
            process.release(LockLevel.SHARED);
        }
        if (to == LockLevel.NONE && from.compareTo(LockLevel.SHARED) >= 0) {
            shared--;
            if (shared == 0) process.release(LockLevel.NONE);
        }
        return to;
    }

    /** True if some holder, in this process or (through the {@link ProcessLock}) another, has RESERVED or more. */
    public synchronized boolean reserved() throws VfsException {
        return writer != null || process.otherReserved();
    }

    /** Number of holders with SHARED or more: zero means nobody in this process has the file locked. */
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
