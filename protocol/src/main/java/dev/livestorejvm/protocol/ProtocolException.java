package dev.livestorejvm.protocol;

/** A frame that is not valid sync-cf JSON: the message names the frame (its tag or start) and what is wrong. */
public final class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
