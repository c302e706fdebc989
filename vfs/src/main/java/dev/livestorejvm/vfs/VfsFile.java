package dev.livestorejvm.vfs;

import java.nio.ByteBuffer;

/**
 * An open file: the core of {@code sqlite3_io_methods}
 * (<a href="https://sqlite.org/c3ref/io_methods.html">sqlite.org/c3ref/io_methods.html</a>).
 *
 * <p>Optional file controls are separate interfaces a file may also implement
 * ({@link FileLockState}, {@link FileBatchAtomicWrite}, {@link FileSizeHint}, ...).
 */
public interface VfsFile extends AutoCloseable {
    /** The {@link OpenFlags} this file was opened with (may differ from those asked, e.g. read-only). */
    int openedFlags();

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code offset}. Returns the number read: fewer
     * only at the end of the file. The caller zero-fills the rest and reports a short read.
     */
    int read(ByteBuffer dst, long offset) throws VfsException;

    /** Writes all of {@code src} at {@code offset}, growing the file as needed. */
    void write(ByteBuffer src, long offset) throws VfsException;

    void truncate(long size) throws VfsException;

    /** Makes written data durable; {@code flags} are {@link SyncFlags}. */
    void sync(int flags) throws VfsException;

    long size() throws VfsException;

    /** Raises the lock to {@code level}; throws {@code SQLITE_BUSY} when another holder prevents it. */
    void lock(LockLevel level) throws VfsException;

    /** Lowers the lock to {@code level} ({@link LockLevel#SHARED} or {@link LockLevel#NONE}). */
    void unlock(LockLevel level) throws VfsException;

    /** True if any connection, in this process or another, holds a RESERVED or higher lock. */
    boolean checkReservedLock() throws VfsException;

    /** The atomic write unit of the underlying storage, in bytes. */
    default int sectorSize() {
        return 4096;
    }

    /** {@link DeviceCharacteristics} flags: what the storage guarantees. Claim only what is true. */
    default int deviceCharacteristics() {
        return 0;
    }

    @Override
    void close() throws VfsException;
}
