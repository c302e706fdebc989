package dev.livestorejvm.cli;

/** The process exit codes of every subcommand. */
final class ExitCodes {
    /** Everything ran. */
    static final int OK = 0;
    /** An SQL statement or command failed (or could not start, e.g. the database did not open). */
    static final int SQL_ERROR = 1;
    /** The command line itself was wrong: unknown option, missing argument, bad value. */
    static final int USAGE = 2;

    private ExitCodes() {}
}
