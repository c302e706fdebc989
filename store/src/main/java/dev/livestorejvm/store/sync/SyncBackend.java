package dev.livestorejvm.store.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A sync backend as the store sees it (LiveStore's {@code SyncBackend}): one per store and client,
 * the backend being the single ordering authority of the store's events. Implementations: the
 * {@link InProcessSyncServer}'s, a sync-cf WebSocket client, an HTTP client.
 *
 * <h2>Threading</h2>
 * Every method returns at once and may be called from any thread; nothing here blocks on the
 * network. Results arrive on a backend thread: futures complete there, {@link PullListener} calls
 * and connection listeners run there, one at a time and in order per pull. Callers must not block
 * in them: the store's sync processor, which runs on the store's single writer thread, posts pages
 * and push outcomes into the queue that thread drains, so pull precedence, merges and SQLite
 * writes all happen on the writer thread. (A blocking page iterator would park a thread per pull
 * and could not be waited on together with local commits.)
 *
 * <h2>Errors</h2>
 * Futures fail, and pulls end, with a {@link SyncBackendException}: {@code Offline} when not
 * connected or the connection dropped, {@code BackendIdMismatch}, {@code ServerAhead} (push only),
 * {@code Unknown}.
 */
public interface SyncBackend extends AutoCloseable {
    /** The most events one push may carry (sync-cf's limit). */
    int MAX_PUSH_EVENTS = 100;

    /** Connects (or reconnects after a drop); fails with {@code Offline} if the backend cannot be reached. */
    CompletableFuture<Void> connect();

    /**
     * Pulls the events after {@code cursor} (all, without one) in pages ending with {@code NoMore};
     * with {@code live}, then every event the backend accepts later, including this client's own
     * pushes (that echo is how pushed events get confirmed), in order, never one twice.
     */
    PullSubscription pull(Optional<PullCursor> cursor, boolean live, PullListener listener);

    /**
     * Pushes 1 to {@value #MAX_PUSH_EVENTS} events, ascending and contiguous, the first chained onto
     * the backend's head. Completes once the backend stored them; fails with {@code ServerAhead} if
     * the backend has moved on, {@code BackendIdMismatch} if {@code backendId} is not the backend's.
     */
    CompletableFuture<Void> push(List<GlobalEvent> batch, Optional<String> backendId);

    /** Completes if the backend answers. */
    CompletableFuture<Void> ping();

    boolean isConnected();

    /** Calls {@code listener} with the new state whenever it changes; returns the call that removes it. */
    Runnable onConnectionChange(Consumer<Boolean> listener);

    /** {@code name} and {@code description} at least, as LiveStore's {@code metadata}. */
    Map<String, Object> metadata();

    /** Whether pages say how many events remain ({@code MoreKnown}), and whether live pulls exist. */
    Supports supports();

    /** Ends all pulls of this backend and disconnects. */
    @Override
    void close();

    record Supports(boolean pullPageInfoKnown, boolean pullLive) {}
}
