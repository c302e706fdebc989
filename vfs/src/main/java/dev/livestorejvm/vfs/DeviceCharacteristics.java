package dev.livestorejvm.vfs;

/** {@code SQLITE_IOCAP_*} flags returned by {@link VfsFile#deviceCharacteristics()}. */
public final class DeviceCharacteristics {
    public static final int ATOMIC = 0x00000001;
    public static final int ATOMIC512 = 0x00000002;
    public static final int ATOMIC4K = 0x00000010;
    public static final int ATOMIC64K = 0x00000100;
    public static final int SAFE_APPEND = 0x00000200;
    public static final int SEQUENTIAL = 0x00000400;
    public static final int UNDELETABLE_WHEN_OPEN = 0x00000800;
    public static final int POWERSAFE_OVERWRITE = 0x00001000;
    public static final int IMMUTABLE = 0x00002000;
    public static final int BATCH_ATOMIC = 0x00004000;
    public static final int SUBPAGE_READ = 0x00008000;

    private DeviceCharacteristics() {}
}
