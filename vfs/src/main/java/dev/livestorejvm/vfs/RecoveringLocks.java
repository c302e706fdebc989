package dev.livestorejvm.vfs;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The process's locks on a database, plus redo-log recovery: when the process takes its first
 * SHARED lock and the database's {@link RedoLog} holds records not known to be applied, it takes
 * EXCLUSIVE, replays them and drops back to SHARED before any connection reads. If other
 * processes are reading, the lock is refused with BUSY (and retried by SQLite's busy handler).
 */
final class RecoveringLocks implements LockTable.ProcessLock {
    private final ByteRangeLocks os;
    private final Path db;
    private final Supplier<FileChannel> channel;

    RecoveringLocks(ByteRangeLocks os, Path db, Supplier<FileChannel> channel) {
        this.os = os;
        this.db = db;
        this.channel = channel;
    }

    @Override
    public void acquireShared() throws VfsException {
        os.acquireShared();
        try {
            if (!RedoLog.needsReplay(db)) return;
            os.acquirePending();
            os.acquireExclusive();
        } catch (VfsException e) {
            os.release(LockLevel.NONE);
            throw e;
        }
        try {
            RedoLog.recover(db, channel.get());
        } finally {
            os.release(LockLevel.SHARED);
        }
    }

    @Override
    public void acquireReserved() throws VfsException {
        os.acquireReserved();
    }

    @Override
    public void acquirePending() throws VfsException {
        os.acquirePending();
    }

    @Override
    public void acquireExclusive() throws VfsException {
        os.acquireExclusive();
    }

    @Override
    public void release(LockLevel to) throws VfsException {
        os.release(to);
    }

    @Override
    public boolean otherReserved() throws VfsException {
        return os.otherReserved();
    }
}
