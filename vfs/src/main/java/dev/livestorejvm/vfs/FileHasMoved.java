package dev.livestorejvm.vfs;

/** {@code SQLITE_FCNTL_HAS_MOVED}: true if the file was renamed or deleted since it was opened. */
public interface FileHasMoved {
    boolean hasMoved() throws VfsException;
}
