package dev.livestorejvm.protocol;

import java.util.Objects;

/** A pull cursor: the last global sequence number the client has, and the backend it came from. Exclusive. */
public record Cursor(String backendId, long eventSequenceNumber) {
    public Cursor {
        Objects.requireNonNull(backendId, "backendId");
    }
}
