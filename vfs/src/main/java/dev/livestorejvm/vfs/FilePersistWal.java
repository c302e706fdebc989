package dev.livestorejvm.vfs;

/** {@code SQLITE_FCNTL_PERSIST_WAL}: whether the WAL file survives the last connection closing. */
public interface FilePersistWal {
    boolean persistWal();

    void persistWal(boolean keep);
}
