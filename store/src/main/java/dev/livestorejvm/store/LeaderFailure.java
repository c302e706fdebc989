package dev.livestorejvm.store;

/**
 * The leader could not persist commits (tickets {@code from..to}); they were rolled back in every
 * session. Each session reports it once, on its next commit, flush or close.
 */
record LeaderFailure(long from, long to, StoreException error) {
    boolean covers(long ticket) {
        return ticket >= from && ticket <= to;
    }
}
