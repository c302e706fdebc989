package dev.livestorejvm.vfs;

/** The lock this file holds now ({@code SQLITE_FCNTL_LOCKSTATE}), for diagnostics and tests. */
public interface FileLockState {
    LockLevel lockState();
}
