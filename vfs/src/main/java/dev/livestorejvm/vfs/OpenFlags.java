package dev.livestorejvm.vfs;

/** {@code SQLITE_OPEN_*} flags as passed to {@link Vfs#open} (<a href="https://sqlite.org/c3ref/c_open_autoproxy.html">sqlite.org</a>). */
public class OpenFlags {
    public static final int READONLY = 0x00000001;
    public static final int READWRITE = 0x00000002;
    public static final int CREATE = 0x00000004;
    public static final int DELETEONCLOSE = 0x00000008;
    public static final int EXCLUSIVE = 0x00000010;
    public static final int AUTOPROXY = 0x00000020;
    public static final int URI = 0x00000040;
    public static final int MEMORY = 0x00000080;
    public static final int MAIN_DB = 0x00000100;
    public static final int TEMP_DB = 0x00000200;
    public static final int TRANSIENT_DB = 0x00000400;
    public static final int MAIN_JOURNAL = 0x00000800;
    public static final int TEMP_JOURNAL = 0x00001000;
    public static final int SUBJOURNAL = 0x00002000;
    public static final int SUPER_JOURNAL = 0x00004000;
    public static final int NOMUTEX = 0x00008000;
    public static final int FULLMUTEX = 0x00010000;
    public static final int SHAREDCACHE = 0x00020000;
    public static final int PRIVATECACHE = 0x00040000;
    public static final int WAL = 0x00080000;
    public static final int NOFOLLOW = 0x01000000;
    public static final int EXRESCODE = 0x02000000;

    /** Extended only by the SQLite API's own {@code OpenFlag}, which re-exports these names to its callers. */
    protected OpenFlags() {}

    /** True if {@code flags} name a main database file. */
    public static boolean isMainDb(int flags) {
        return (flags & MAIN_DB) != 0;
    }
}
