package dev.livestorejvm.store;

import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.PulledEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the leader's sync processor needs of a sync backend connection: a live pull from a cursor,
 * pushes, and the connected state. An adapter puts a backend (in-process, or a sync-cf transport)
 * behind it, so that the processor holds no transport code.
 */
interface BackendLink extends AutoCloseable {
    /** One page of a pull: events in ascending order, whether the burst is over ({@code NoMore}), the backend's identity. */
    record Page(List<PulledEvent> events, boolean noMore, String backendId) {}

    /** Why a pull or push failed, as the sync-cf protocol tells failures apart. */
    record Failure(Kind kind, String message, long minimumExpected, long provided, String expectedBackendId) {
        enum Kind { SERVER_AHEAD, BACKEND_ID_MISMATCH, OFFLINE, INVALID, UNKNOWN }

        static Failure of(Kind kind, String message) {
            return new Failure(kind, message, -1, -1, null);
        }

        @Override
        public String toString() {
            return kind + ": " + message;
        }
    }

    /** Receives a pull's pages in order, on any one thread at a time. */
    interface PullListener {
        void page(Page page);

        /** The pull ended with a failure; no page follows. */
        void failed(Failure failure);
    }

    /** A running pull; {@link #cancel} ends it (sync-cf's {@code Interrupt}). */
    interface Pull {
        void cancel();
    }

    /**
     * Starts a live pull of the events after global number {@code cursor} (0: from the start);
     * {@code backendId} is null until the client saw one.
     */
    Pull pull(long cursor, String backendId, PullListener listener);

    /** Pushes 1-100 events; completes normally when the backend accepted them, else with a {@link FailureException}. */
    CompletableFuture<Void> push(List<GlobalEvent> batch, String backendId);

    boolean connected();

    /** Calls {@code listener} when the connection goes up or down; returns the call that removes it. */
    Runnable onConnectionChange(java.util.function.Consumer<Boolean> listener);

    @Override
    void close();

    /** A {@link Failure} as an exception, for futures. */
    final class FailureException extends RuntimeException {
        final transient Failure failure;

        FailureException(Failure failure) {
            super(failure.toString());
            this.failure = failure;
        }
    }
}
