package dev.livestorejvm.vfs;

/** {@code SQLITE_SYNC_*} flags passed to {@link VfsFile#sync}. */
public final class SyncFlags {
    public static final int NORMAL = 0x00002;
    public static final int FULL = 0x00003;
    /** Only the data needs to reach storage, not the file's metadata (size excepted). */
    public static final int DATAONLY = 0x00010;

    private SyncFlags() {}
}
