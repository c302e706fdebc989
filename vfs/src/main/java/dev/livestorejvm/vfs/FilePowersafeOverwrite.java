package dev.livestorejvm.vfs;

/** {@code SQLITE_FCNTL_POWERSAFE_OVERWRITE}: whether a torn write leaves bytes outside the written range untouched. */
public interface FilePowersafeOverwrite {
    boolean powersafeOverwrite();

    void powersafeOverwrite(boolean enabled);
}
