package dev.livestorejvm.server;

import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.SyncCodec;
import java.util.List;

/**
 * An admitted batch as live pulls receive it: its events and its {@code NoMore} pull response, encoded once
 * for all subscribers, when the first one needs it (a store nobody pulls live never encodes it).
 */
final class PublishedBatch {
    private final List<PullEvent> events;
    private final String backendId;
    private volatile String encoded;

    private PublishedBatch(List<PullEvent> events, String backendId) {
        this.events = events;
        this.backendId = backendId;
    }

    static PublishedBatch of(List<PullEvent> events, String backendId) {
        return new PublishedBatch(events, backendId);
    }

    /** The pull response as JSON, what every subscriber's chunk frame wraps. */
    String encoded() {
        String e = encoded;
        if (e == null) {
            synchronized (this) {
                if (encoded == null) encoded = SyncCodec.encodePullResponse(new PullResponse(events, PageInfo.NO_MORE, backendId));
                e = encoded;
            }
        }
        return e;
    }

    List<PullEvent> events() {
        return events;
    }

    long first() {
        return events.get(0).eventEncoded().seqNum();
    }

    long last() {
        return events.get(events.size() - 1).eventEncoded().seqNum();
    }

    /** The part after {@code seqNum} (a batch is contiguous): itself, a suffix, or null if nothing is left. */
    PublishedBatch after(long seqNum) {
        if (first() > seqNum) return this;
        if (last() <= seqNum) return null;
        return of(events.subList((int) (seqNum - first() + 1), events.size()), backendId);
    }
}
