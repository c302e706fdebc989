package dev.livestorejvm.protocol;

import java.util.Objects;
import java.util.Optional;

/** One item of a pull response's batch: {@code {eventEncoded, metadata: Option<JSON>}}. */
public record PullEvent(EncodedEvent eventEncoded, Optional<RawJson> metadata) {
    public PullEvent {
        Objects.requireNonNull(eventEncoded, "eventEncoded");
        Objects.requireNonNull(metadata, "metadata");
    }
}
