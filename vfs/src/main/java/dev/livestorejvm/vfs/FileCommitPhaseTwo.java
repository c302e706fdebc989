package dev.livestorejvm.vfs;

/** {@code SQLITE_FCNTL_COMMIT_PHASETWO}: the second phase of a commit has been reached. */
public interface FileCommitPhaseTwo {
    void commitPhaseTwo() throws VfsException;
}
