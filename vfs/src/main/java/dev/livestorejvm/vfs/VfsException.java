package dev.livestorejvm.vfs;

import java.io.IOException;

/** A VFS failure, carrying the SQLite result code ({@link ResultCodes}) reported to SQLite. */
public class VfsException extends IOException {
    private final int code;

    public VfsException(int code, String message) {
        super(message);
        this.code = code;
    }

    public VfsException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The primary or extended SQLite result code, e.g. {@link ResultCodes#SQLITE_IOERR_READ}. */
    public int code() {
        return code;
    }
}
