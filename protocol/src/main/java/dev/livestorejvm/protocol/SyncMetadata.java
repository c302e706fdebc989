package dev.livestorejvm.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;

/** sync-cf's per-event metadata {@code {"_tag":"SyncMessage.SyncMetadata","createdAt":ISO}}, set once per admitted batch. */
public final class SyncMetadata {
    public static final String TAG = "SyncMessage.SyncMetadata";

    private SyncMetadata() {}

    public static RawJson of(Instant createdAt) {
        return of(createdAt.toString());
    }

    public static RawJson of(String createdAt) {
        return new RawJson("{\"_tag\":\"" + TAG + "\",\"createdAt\":\""
            + new String(JsonStringEncoder.getInstance().quoteAsString(createdAt)) + "\"}");
    }
}
