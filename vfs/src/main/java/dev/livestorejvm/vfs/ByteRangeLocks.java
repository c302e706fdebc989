package dev.livestorejvm.vfs;

import static dev.livestorejvm.vfs.ResultCodes.SQLITE_BUSY;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_CHECKRESERVEDLOCK;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_LOCK;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_RDLOCK;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_UNLOCK;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.util.function.Supplier;

/**
 * The process's OS record locks on a database file, on the byte ranges of SQLite's unix VFS
 * (<a href="https://sqlite.org/lockingv3.html">lockingv3</a>, {@code os_unix.c}), so that native
 * SQLite processes and this JVM exclude each other. On Linux {@link FileChannel#tryLock} is an
 * {@code fcntl(F_SETLK)} record lock, the same kind the unix VFS takes.
 *
 * <p>Java cannot convert a lock in place as {@code fcntl} does, so SHARED to EXCLUSIVE (and back)
 * releases the read lock on the shared range and then takes the write lock. That gap is safe
 * because the PENDING byte is write-locked throughout: no process can start reading meanwhile.
 */
final class ByteRangeLocks implements LockTable.ProcessLock {
    static final long PENDING_BYTE = 0x40000000L;
    static final long RESERVED_BYTE = PENDING_BYTE + 1;
    static final long SHARED_FIRST = PENDING_BYTE + 2;
    static final long SHARED_SIZE = 510;

    private final Supplier<FileChannel> channel;
    private final String path;
    private FileLock shared;
    private FileLock reserved;
    private FileLock pending;
    private boolean exclusive;

    ByteRangeLocks(Supplier<FileChannel> channel, String path) {
        this.channel = channel;
        this.path = path;
    }

    @Override
    public void acquireShared() throws VfsException {
        // a read lock on PENDING while taking SHARED: a writer that is waiting for readers to leave keeps new ones out
        FileLock gate = tryLock(PENDING_BYTE, 1, true, SQLITE_IOERR_RDLOCK);
        if (gate == null) throw busy("another process is about to write");
        try {
            shared = tryLock(SHARED_FIRST, SHARED_SIZE, true, SQLITE_IOERR_RDLOCK);
            if (shared == null) throw busy("another process is writing");
        } finally {
            release(gate);
        }
    }

    @Override
    public void acquireReserved() throws VfsException {
        reserved = tryLock(RESERVED_BYTE, 1, false, SQLITE_IOERR_LOCK);
        if (reserved == null) throw busy("another process holds RESERVED");
    }

    @Override
    public void acquirePending() throws VfsException {
        pending = tryLock(PENDING_BYTE, 1, false, SQLITE_IOERR_LOCK);
        if (pending == null) throw busy("another process holds PENDING");
    }

    @Override
    public void acquireExclusive() throws VfsException {
        release(shared);
        shared = null;
        FileLock all = tryLock(SHARED_FIRST, SHARED_SIZE, false, SQLITE_IOERR_LOCK);
        if (all != null) {
            shared = all;
            exclusive = true;
            return;
        }
        retakeShared();
        throw busy("other processes are still reading");
    }

    @Override
    public void release(LockLevel to) throws VfsException {
        if (exclusive) {
            release(shared);
            shared = null;
            exclusive = false;
            retakeShared();
        }
        release(pending);
        pending = null;
        release(reserved);
        reserved = null;
        if (to == LockLevel.NONE) {
            release(shared);
            shared = null;
        }
    }

    @Override
    public boolean otherReserved() throws VfsException {
        if (reserved != null || pending != null) return false;   // held by this process: the LockTable knows
        // F_GETLK has no Java equivalent: probe with a read lock on RESERVED and drop it at once
        FileLock probe = tryLock(RESERVED_BYTE, 1, true, SQLITE_IOERR_CHECKRESERVEDLOCK);
        if (probe == null) return true;
        release(probe);
        return false;
    }

    /** Back to a read lock on the shared range; PENDING is held, so no other process can have taken it. */
    private void retakeShared() throws VfsException {
        shared = tryLock(SHARED_FIRST, SHARED_SIZE, true, SQLITE_IOERR_RDLOCK);
        if (shared == null) throw new VfsException(SQLITE_IOERR_RDLOCK, "lost the shared lock on " + path);
    }

    private FileLock tryLock(long position, long size, boolean readLock, int ioerr) throws VfsException {
        try {
            return channel.get().tryLock(position, size, readLock);
        } catch (IOException | NonReadableChannelException | NonWritableChannelException | OverlappingFileLockException e) {
            throw new VfsException(ioerr, "cannot lock " + path + ": " + e, e);
        }
    }

    private void release(FileLock lock) throws VfsException {
        if (lock == null) return;
        try {
            lock.release();
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR_UNLOCK, "cannot unlock " + path + ": " + e, e);
        }
    }

    private static VfsException busy(String why) {
        return new VfsException(SQLITE_BUSY, why);
    }
}
