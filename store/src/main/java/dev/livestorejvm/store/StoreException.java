package dev.livestorejvm.store;

/**
 * A store operation was refused or failed: bad event arguments, an unknown event or table or
 * column, a failing materializer, a boot that cannot replay the eventlog. The message names the
 * event (with its sequence number when it has one) or the table; nothing of the failed operation
 * stays in the store's files.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
