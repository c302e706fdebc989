package dev.livestorejvm.store.sync;

/**
 * Receives one pull's pages. Called on a backend thread, one call at a time and in order for a
 * given pull; must return quickly (the store's sync processor posts what it gets into the queue
 * its writer thread drains). After {@link #onError} or {@link #onEnd} nothing more arrives.
 */
public interface PullListener {
    void onPage(PullPage page);

    /** The pull failed and ended: offline (connection dropped), backend id mismatch, or unknown. */
    void onError(SyncBackendException error);

    /** A non-live pull delivered its last page. Live pulls never end this way. */
    default void onEnd() {}
}
