package dev.livestorejvm.sqlite;

/**
 * Asked before each commit ({@code sqlite3_commit_hook}): false turns the commit into a rollback
 * (the COMMIT fails with SQLITE_CONSTRAINT_COMMITHOOK). An exception vetoes too, and becomes the
 * cause of the error. It must not use the database.
 */
@FunctionalInterface
public interface CommitHook {
    boolean allowCommit();
}
