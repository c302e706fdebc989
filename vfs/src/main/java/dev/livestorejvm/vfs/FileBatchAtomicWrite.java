package dev.livestorejvm.vfs;

/**
 * Batch-atomic writes (SQLITE_FCNTL_BEGIN/COMMIT/ROLLBACK_ATOMIC_WRITE,
 * <a href="https://sqlite.org/c3ref/c_fcntl_begin_atomic_write.html">sqlite.org</a>): every write
 * between begin and commit becomes durable all together or not at all. A file implementing this
 * must also report {@link DeviceCharacteristics#BATCH_ATOMIC}.
 */
public interface FileBatchAtomicWrite {
    void beginAtomicWrite() throws VfsException;

    void commitAtomicWrite() throws VfsException;

    void rollbackAtomicWrite() throws VfsException;
}
