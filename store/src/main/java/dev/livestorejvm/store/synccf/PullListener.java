package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.PullResponse;
import java.util.Optional;

/** Receives a pull's pages and errors on the client thread; must not block. */
public interface PullListener {
    /**
     * One page: events in ascending order, each chained onto the previous one and above everything this
     * pull delivered before ({@code pageInfo} {@code MoreKnown(remaining)}, {@code MoreUnknown} or {@code NoMore};
     * the backend's id). Pages that break these rules are never delivered: the client drops the connection.
     */
    void onPage(PullResponse page);

    /** A problem: {@link PullError#terminal()} says whether the pull has ended. */
    void onError(PullError error);

    /**
     * A live pull starts again after a lost connection: the pages that follow continue from {@code from}
     * (what the resume cursor returned). Pages delivered before but not yet persisted by the caller come
     * again; a caller that queues pages should drop those at or below its applied head.
     */
    default void onRestart(Optional<Cursor> from) {}

    /** A non-live pull delivered its last page and the server ended it. */
    default void onComplete() {}
}
