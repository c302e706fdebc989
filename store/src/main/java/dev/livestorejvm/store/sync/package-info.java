/**
 * Sync of a store with a backend, as LiveStore 0.4.0 does it (facts: livestore-sync-0.4.0.md).
 *
 * <p>For users: the backend SPI ({@link dev.livestorejvm.store.sync.SyncBackend} with
 * {@link dev.livestorejvm.store.sync.PullCursor}, {@link dev.livestorejvm.store.sync.PullPage},
 * {@link dev.livestorejvm.store.sync.PullListener}, {@link dev.livestorejvm.store.sync.GlobalEvent},
 * {@link dev.livestorejvm.store.sync.SyncBackendException}) and the in-memory
 * {@link dev.livestorejvm.store.sync.InProcessSyncServer}.
 *
 * <p>Internal to the store (public only because the leader lives in the parent package): the pure
 * merge, {@link dev.livestorejvm.store.sync.SyncMerge#merge} over
 * {@link dev.livestorejvm.store.sync.SyncState} and {@link dev.livestorejvm.store.sync.SyncEvent}.
 */
package dev.livestorejvm.store.sync;
