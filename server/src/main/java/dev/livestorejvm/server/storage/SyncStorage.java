package dev.livestorejvm.server.storage;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.SyncCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sync server keeps each store's event log: the storage SPI. Implementations: embedded SQLite
 * ({@code sqlite:DIR}, this module) and PostgreSQL ({@code postgres:URL}, module server-postgres),
 * found by URL scheme through {@link StorageFactory}.
 *
 * <p>Contract (checked by {@code SyncStorageContract} in this module's test-jar):
 * <ul>
 *   <li>A store exists from its first use: {@link #head} of an unknown store creates it with head 0 and a
 *       new random backendId.</li>
 *   <li>The log of a store is contiguous: seqNums 1..head, each event's parent the previous seqNum.</li>
 *   <li>{@link #append} is the conditional write that makes the storage an ordering authority on its
 *       own, also across processes sharing it: it appends iff the expected backendId is the store's and
 *       {@code batch[0].parentSeqNum == head}, atomically with the head update, and is durable when it
 *       returns {@link AppendResult.Appended}. Otherwise nothing is written. The caller has checked that
 *       the batch is non-empty and contiguous.</li>
 *   <li>Every method is thread-safe; appends to one store are linearizable.</li>
 *   <li>Storage errors are thrown as {@link StorageException}; they never leave a partial batch.</li>
 * </ul>
 */
public interface SyncStorage extends AutoCloseable {
    /** The store's backendId and head, creating the store if it does not exist. */
    StoreHead head(String storeId);

    /**
     * Appends {@code batch} iff {@code expectedBackendId} is the store's and its first parent is the head.
     * {@code metadata} is stored with every event of the batch (sync-cf: {@code SyncMessage.SyncMetadata}).
     */
    AppendResult append(String storeId, String expectedBackendId, List<EncodedEvent> batch, RawJson metadata);

    /**
     * Several batches, each chaining onto the previous one, appended as one atomic and durable write: the
     * group commit of pushes that queued up together (one transaction, one flush). Same conditions and
     * results as {@link #append} of their concatenation, which is what the default does.
     */
    default AppendResult appendAll(String storeId, String expectedBackendId, List<List<EncodedEvent>> batches, RawJson metadata) {
        if (batches.size() == 1) return append(storeId, expectedBackendId, batches.get(0), metadata);
        List<EncodedEvent> all = new ArrayList<>();
        for (List<EncodedEvent> b : batches) all.addAll(b);
        return append(storeId, expectedBackendId, all, metadata);
    }

    /**
     * The events with {@code afterSeqNum < seqNum <= untilSeqNum}, ascending, at most {@code limit}; the page's
     * {@code remaining} counts the events in that range after the last returned one.
     */
    EventPage read(String storeId, long afterSeqNum, long untilSeqNum, int limit);

    /**
     * {@link #read} as the JSON text of each pull item, for catch-up chunks. A storage that keeps that
     * text overrides this to skip decoding and re-encoding; the default encodes what {@link #read} returns.
     */
    default RawPage readRaw(String storeId, long afterSeqNum, long untilSeqNum, int limit) {
        EventPage page = read(storeId, afterSeqNum, untilSeqNum, limit);
        List<String> items = new ArrayList<>(page.events().size());
        for (PullEvent e : page.events()) items.add(SyncCodec.encodePullEvent(e));
        long first = page.events().isEmpty() ? afterSeqNum + 1 : page.events().get(0).eventEncoded().seqNum();
        return new RawPage(first, items, page.remaining());
    }

    /** Deletes every event of the store and gives it a new backendId (clients then follow their mismatch policy). */
    StoreHead reset(String storeId);

    /** Every store with its head and event count, ordered by storeId. */
    List<StoreInfo> stores();

    /**
     * Registers a listener for appends made by <em>other</em> processes sharing this storage (a doorbell).
     * Single-process storages never call it. Calls may be late or coalesced: the listener reads by cursor.
     */
    default void onExternalAppend(AppendListener listener) {}

    /** Releases everything; idempotent. */
    @Override
    void close();

    /** Called with a store and its head after another process appended to it. */
    @FunctionalInterface
    interface AppendListener {
        void appended(String storeId, long head);
    }
}
