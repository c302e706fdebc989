package dev.livestorejvm.vfs;

/**
 * SQLite's primary and extended result codes (<a href="https://sqlite.org/rescode.html">sqlite.org/rescode.html</a>),
 * shared by every layer of the project.
 */
public class ResultCodes {
    public static final int SQLITE_OK = 0;
    public static final int SQLITE_ERROR = 1;
    public static final int SQLITE_INTERNAL = 2;
    public static final int SQLITE_PERM = 3;
    public static final int SQLITE_ABORT = 4;
    public static final int SQLITE_BUSY = 5;
    public static final int SQLITE_LOCKED = 6;
    public static final int SQLITE_NOMEM = 7;
    public static final int SQLITE_READONLY = 8;
    public static final int SQLITE_INTERRUPT = 9;
    public static final int SQLITE_IOERR = 10;
    public static final int SQLITE_CORRUPT = 11;
    public static final int SQLITE_NOTFOUND = 12;
    public static final int SQLITE_FULL = 13;
    public static final int SQLITE_CANTOPEN = 14;
    public static final int SQLITE_PROTOCOL = 15;
    public static final int SQLITE_EMPTY = 16;
    public static final int SQLITE_SCHEMA = 17;
    public static final int SQLITE_TOOBIG = 18;
    public static final int SQLITE_CONSTRAINT = 19;
    public static final int SQLITE_MISMATCH = 20;
    public static final int SQLITE_MISUSE = 21;
    public static final int SQLITE_NOLFS = 22;
    public static final int SQLITE_AUTH = 23;
    public static final int SQLITE_FORMAT = 24;
    public static final int SQLITE_RANGE = 25;
    public static final int SQLITE_NOTADB = 26;
    public static final int SQLITE_NOTICE = 27;
    public static final int SQLITE_WARNING = 28;
    public static final int SQLITE_ROW = 100;
    public static final int SQLITE_DONE = 101;

    public static final int SQLITE_IOERR_READ = SQLITE_IOERR | (1 << 8);
    public static final int SQLITE_IOERR_SHORT_READ = SQLITE_IOERR | (2 << 8);
    public static final int SQLITE_IOERR_WRITE = SQLITE_IOERR | (3 << 8);
    public static final int SQLITE_IOERR_FSYNC = SQLITE_IOERR | (4 << 8);
    public static final int SQLITE_IOERR_DIR_FSYNC = SQLITE_IOERR | (5 << 8);
    public static final int SQLITE_IOERR_TRUNCATE = SQLITE_IOERR | (6 << 8);
    public static final int SQLITE_IOERR_FSTAT = SQLITE_IOERR | (7 << 8);
    public static final int SQLITE_IOERR_UNLOCK = SQLITE_IOERR | (8 << 8);
    public static final int SQLITE_IOERR_RDLOCK = SQLITE_IOERR | (9 << 8);
    public static final int SQLITE_IOERR_DELETE = SQLITE_IOERR | (10 << 8);
    public static final int SQLITE_IOERR_NOMEM = SQLITE_IOERR | (12 << 8);
    public static final int SQLITE_IOERR_ACCESS = SQLITE_IOERR | (13 << 8);
    public static final int SQLITE_IOERR_CHECKRESERVEDLOCK = SQLITE_IOERR | (14 << 8);
    public static final int SQLITE_IOERR_LOCK = SQLITE_IOERR | (15 << 8);
    public static final int SQLITE_IOERR_CLOSE = SQLITE_IOERR | (16 << 8);
    public static final int SQLITE_IOERR_DELETE_NOENT = SQLITE_IOERR | (23 << 8);
    public static final int SQLITE_IOERR_GETTEMPPATH = SQLITE_IOERR | (25 << 8);
    public static final int SQLITE_IOERR_CONVPATH = SQLITE_IOERR | (26 << 8);
    public static final int SQLITE_IOERR_BEGIN_ATOMIC = SQLITE_IOERR | (29 << 8);
    public static final int SQLITE_IOERR_COMMIT_ATOMIC = SQLITE_IOERR | (30 << 8);
    public static final int SQLITE_IOERR_ROLLBACK_ATOMIC = SQLITE_IOERR | (31 << 8);
    public static final int SQLITE_IOERR_DATA = SQLITE_IOERR | (32 << 8);
    public static final int SQLITE_IOERR_CORRUPTFS = SQLITE_IOERR | (33 << 8);
    public static final int SQLITE_BUSY_RECOVERY = SQLITE_BUSY | (1 << 8);
    public static final int SQLITE_BUSY_SNAPSHOT = SQLITE_BUSY | (2 << 8);
    public static final int SQLITE_BUSY_TIMEOUT = SQLITE_BUSY | (3 << 8);
    public static final int SQLITE_CANTOPEN_NOTEMPDIR = SQLITE_CANTOPEN | (1 << 8);
    public static final int SQLITE_CANTOPEN_ISDIR = SQLITE_CANTOPEN | (2 << 8);
    public static final int SQLITE_CANTOPEN_FULLPATH = SQLITE_CANTOPEN | (3 << 8);
    public static final int SQLITE_CANTOPEN_CONVPATH = SQLITE_CANTOPEN | (4 << 8);
    public static final int SQLITE_READONLY_CANTINIT = SQLITE_READONLY | (5 << 8);
    public static final int SQLITE_READONLY_DIRECTORY = SQLITE_READONLY | (6 << 8);
    public static final int SQLITE_CONSTRAINT_CHECK = SQLITE_CONSTRAINT | (1 << 8);
    public static final int SQLITE_CONSTRAINT_FOREIGNKEY = SQLITE_CONSTRAINT | (3 << 8);
    public static final int SQLITE_CONSTRAINT_NOTNULL = SQLITE_CONSTRAINT | (5 << 8);
    public static final int SQLITE_CONSTRAINT_PRIMARYKEY = SQLITE_CONSTRAINT | (6 << 8);
    public static final int SQLITE_CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT | (8 << 8);

    /** Extended only by the SQLite API's own {@code ResultCode}, which re-exports these names to its callers. */
    protected ResultCodes() {}

    /** The primary code of a (possibly extended) result code. */
    public static int primary(int code) {
        return code & 0xff;
    }
}
