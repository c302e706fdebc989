package dev.livestorejvm.store;

/**
 * Where a store stands with its sync backend, at both levels LiveStore users ask for (livestore#1553):
 * the local head (everything committed in this store) and the backend head (what the backend
 * confirmed), with the events in between that wait for it.
 *
 * @param enabled whether the store syncs at all (it was opened with a backend)
 * @param connected whether the backend connection is up
 * @param paused whether sync was paused on purpose ({@link Store#pauseSync()})
 * @param localHead the newest event of the store, persisted
 * @param backendHead the last global number the backend confirmed
 * @param pendingCount events not yet confirmed by the backend (client-only events, never pushed, not counted)
 * @param backendId the backend's identity as last seen, or null
 * @param lastError the last sync failure, or null once sync works again
 */
public record SyncStatus(boolean enabled, boolean connected, boolean paused, SeqNum localHead, long backendHead, int pendingCount,
                         String backendId, String lastError) {
    /** True when every synced event of this store is confirmed by the backend. */
    public boolean isSynced() {
        return pendingCount == 0;
    }

    static SyncStatus disabled(SeqNum localHead) {
        return new SyncStatus(false, false, false, localHead, 0, 0, null, null);
    }
}
