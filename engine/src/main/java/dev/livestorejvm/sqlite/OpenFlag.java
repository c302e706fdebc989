package dev.livestorejvm.sqlite;

/**
 * {@code SQLITE_OPEN_*} flags for {@link SqliteRuntime#open(String, int)}, e.g. {@code OpenFlag.READONLY}
 * (<a href="https://sqlite.org/c3ref/c_open_autoproxy.html">sqlite.org</a>). The values are the VFS layer's;
 * this type lets code that calls {@link Database} name them without depending on the VFS SPI.
 */
public final class OpenFlag extends dev.livestorejvm.vfs.OpenFlags {
    private OpenFlag() {}
}
