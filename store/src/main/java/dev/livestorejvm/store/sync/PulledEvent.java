package dev.livestorejvm.store.sync;

import java.util.Objects;
import java.util.Optional;

/**
 * One event of a pulled page with the provider's metadata as JSON text, for sync-cf
 * {@code {"_tag":"SyncMessage.SyncMetadata","createdAt":"<ISO instant>"}} (set once per accepted
 * push batch; LiveStore only keeps it for debugging). The store persists it without reading it.
 */
public record PulledEvent(GlobalEvent event, Optional<String> metadataJson) {
    public PulledEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(metadataJson, "metadataJson");
    }

    /** The sync-cf metadata for an event admitted at {@code createdAtIso}. */
    public static String syncCfMetadata(String createdAtIso) {
        return "{\"_tag\":\"SyncMessage.SyncMetadata\",\"createdAt\":\"" + createdAtIso + "\"}";
    }
}
