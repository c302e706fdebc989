package dev.livestorejvm.store.sync;

import java.util.List;
import java.util.Objects;

/**
 * One chunk of a pull (LiveStore's {@code PullResItem}): events in ascending order, whether more
 * follow, and the backend's id (sync-cf sends it with every chunk; the store persists it).
 * A burst of pages ends with {@link PageInfo.NoMore}; pages of a live pull after history are
 * {@code NoMore} too.
 */
public record PullPage(List<PulledEvent> events, PageInfo pageInfo, String backendId) {
    public PullPage {
        events = List.copyOf(events);
        Objects.requireNonNull(pageInfo, "pageInfo");
        Objects.requireNonNull(backendId, "backendId");
    }

    /** LiveStore's {@code PullResPageInfo}. */
    public sealed interface PageInfo {
        /** More events follow in this burst; {@code remaining} of them, counted after this page. */
        record MoreKnown(long remaining) implements PageInfo {}

        /** More events follow; how many is not known (Electric, S2). */
        record MoreUnknown() implements PageInfo {}

        /** The end of the burst: the store is caught up with the backend as of this page. */
        record NoMore() implements PageInfo {}

        PageInfo NO_MORE = new NoMore();
        PageInfo MORE_UNKNOWN = new MoreUnknown();
    }
}
