package dev.livestorejvm.store.sync;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a pull starts, exclusive: the backend head this store has, the backend id it got it from
 * (sync-cf checks it) and the provider metadata of that head's event (Electric or S2 resume from it;
 * sync-cf ignores it). A store that never synced pulls without a cursor.
 */
public record PullCursor(long eventSequenceNumber, Optional<String> backendId, Optional<String> metadataJson) {
    public PullCursor {
        if (eventSequenceNumber < 0) throw new IllegalArgumentException("cursor e" + eventSequenceNumber + " < 0");
        Objects.requireNonNull(backendId, "backendId");
        Objects.requireNonNull(metadataJson, "metadataJson");
    }

    public static PullCursor of(long eventSequenceNumber, String backendId) {
        return new PullCursor(eventSequenceNumber, Optional.ofNullable(backendId), Optional.empty());
    }
}
