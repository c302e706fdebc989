package dev.livestorejvm.vfs;

/** {@code SQLITE_FCNTL_SIZE_HINT}: the file is about to grow to at least this size; preallocate if useful. */
public interface FileSizeHint {
    void sizeHint(long size) throws VfsException;
}
