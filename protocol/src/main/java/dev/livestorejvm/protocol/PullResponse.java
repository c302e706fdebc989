package dev.livestorejvm.protocol;

import java.util.List;
import java.util.Objects;

/** sync-cf's {@code SyncMessage.PullResponse}: a batch, whether more follows, and the server's backendId. */
public record PullResponse(List<PullEvent> batch, PageInfo pageInfo, String backendId) {
    public PullResponse {
        batch = List.copyOf(batch);
        Objects.requireNonNull(pageInfo, "pageInfo");
        Objects.requireNonNull(backendId, "backendId");
    }
}
