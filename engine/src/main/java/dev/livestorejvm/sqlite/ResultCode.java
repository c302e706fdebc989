package dev.livestorejvm.sqlite;

/**
 * SQLite's primary and extended result codes (<a href="https://sqlite.org/rescode.html">sqlite.org/rescode.html</a>)
 * as {@link SqliteException#resultCode()} and {@link SqliteException#extendedCode()} report them, e.g.
 * {@code ResultCode.SQLITE_BUSY}. The values are the VFS layer's, which defines them once for every layer;
 * this type lets code that calls {@link Database} name them without depending on the VFS SPI.
 */
public final class ResultCode extends dev.livestorejvm.vfs.ResultCodes {
    private ResultCode() {}
}
