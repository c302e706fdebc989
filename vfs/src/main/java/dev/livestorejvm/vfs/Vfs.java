package dev.livestorejvm.vfs;

/**
 * A virtual file system for SQLite, in Java types: the core of {@code sqlite3_vfs}
 * (<a href="https://sqlite.org/c3ref/vfs.html">sqlite.org/c3ref/vfs.html</a>).
 *
 * <p>Randomness, sleeping and the clock are not part of this interface: the engine serves them
 * for every VFS alike. Implementations report failures by throwing {@link VfsException} with an
 * SQLite result code; any other exception is reported to SQLite as {@code SQLITE_IOERR}.
 *
 * <p>A VFS is called by one SQLite runtime at a time per file, but one VFS instance may serve
 * several runtimes (threads) at once: implementations must be thread-safe.
 */
public interface Vfs {
    /** The longest path name (in UTF-8 bytes) SQLite may hand to this VFS. */
    default int maxPathname() {
        return 1024;
    }

    /**
     * Opens a file. {@code name} is null for a temporary file SQLite wants with a name of the VFS's
     * choosing, to be deleted on close. {@code flags} are {@link OpenFlags}; the file reports the
     * flags it was actually opened with through {@link VfsFile#openedFlags()}.
     */
    VfsFile open(String name, int flags) throws VfsException;

    /** Deletes a file; {@code syncDir} asks that the deletion itself be made durable. */
    void delete(String name, boolean syncDir) throws VfsException;

    /** Answers {@code SQLITE_ACCESS_EXISTS}, {@code _READWRITE} or {@code _READ} questions ({@link AccessFlags}). */
    boolean access(String name, int flags) throws VfsException;

    /** The canonical form of a name, used by SQLite to tell whether two names are the same file. */
    default String fullPathname(String name) throws VfsException {
        return name;
    }
}
