package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One store's connection to a sync-cf endpoint ({@code @livestore/sync-cf} 0.4.0's protocol, as the
 * project's sync server speaks it). Independent of the store's types: events are {@link EncodedEvent}s
 * with raw JSON args.
 *
 * <p>Threading: every listener call and every completion of a push's future happens on the client's
 * own thread ({@code synccf-<storeId>}), one at a time and in frame order. Listeners must not block
 * (hand work to another thread); the next frame is read only after they return. Methods of this
 * interface may be called from any thread.
 */
public interface SyncCfClient extends AutoCloseable {
    /** A WebSocket client ({@code transport=ws}); starts connecting at once. */
    static SyncCfClient webSocket(SyncCfOptions options) {
        return WsSyncCfClient.start(options);
    }

    /** An HTTP client ({@code transport=http}): one POST per request, live pulls poll. */
    static SyncCfClient http(SyncCfOptions options) {
        return HttpSyncCfClient.start(options);
    }

    /**
     * Pulls the events after {@code cursor} ({@code Optional.empty()}: from the beginning), in pages.
     * A non-live pull ends after its {@code NoMore} page ({@link PullListener#onComplete}); a live pull
     * then keeps delivering every later push (the caller's own included) until cancelled.
     *
     * <p>After a reconnect, or after the client dropped a connection for bad input, a live pull is
     * issued again from {@code resumeCursor.get()} (called on the client thread): the caller's
     * persisted cursor, never one the client made up; the listener hears {@link PullListener#onRestart}
     * first. A non-live pull that loses its connection ends with a terminal {@link PullError.ConnectionLost}.
     * Over WebSocket a pull made while disconnected is sent once the socket opens; over HTTP a non-live
     * pull that cannot reach the server ends at once (terminal {@code ConnectionLost}).
     */
    PullHandle pull(Optional<Cursor> cursor, boolean live, Supplier<Optional<Cursor>> resumeCursor, PullListener listener);

    /**
     * Pushes 1 to {@value PushBatches#MAX_EVENTS} events chained onto the backend's head, at most
     * {@value PushBatches#MAX_BYTES} bytes of encoded events ({@link PushBatches#split} cuts larger
     * ones). The future always completes normally, with a {@link PushResult}: offline at once when
     * there is no connection.
     *
     * @throws IllegalArgumentException for an empty or oversized batch
     */
    CompletableFuture<PushResult> push(List<EncodedEvent> batch, Optional<String> backendId);

    /** Whether the backend answers pings (WebSocket: a {@code Pong} within the timeout; HTTP: the last Ping succeeded). */
    boolean connected();

    /** Told of every change of {@link #connected()}, on the client thread. */
    void onConnectedChange(Consumer<Boolean> listener);

    /** Interrupts live pulls, completes pending pushes as offline, closes the connection (code 1000) and stops the client thread. */
    @Override
    void close();
}
