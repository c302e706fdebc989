package dev.livestorejvm.server.storage;

/** A storage failure (I/O, database error); the message names the store and the operation. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
