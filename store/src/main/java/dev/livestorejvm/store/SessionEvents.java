package dev.livestorejvm.store;

import java.util.Set;

/**
 * What the leader tells a session, and all it tells it: the one seam between the leader and its
 * sessions. Calls arrive on the committing thread or the leader's writer thread.
 */
interface SessionEvents {
    /** Another session's commit, accepted (in ticket order); queue it. Called under the leader's commit lock. */
    void accepted(PendingCommit commit);

    /** A batch reached the disk: apply what was accepted and call the subscriptions. Called without the leader's locks. */
    void persisted();

    /**
     * The state was replaced (a rollback, a failed write, a rebase): load {@code image} and re-run the
     * queries on {@code written}; report {@code failure} (may be null) on the next commit, flush or
     * close. Called under the leader's commit lock; {@link #deliverPending} follows outside it.
     */
    void reloaded(byte[] image, Set<String> written, LeaderFailure failure);

    /** Calls the subscription callbacks that a reload left pending. Called without the leader's locks. */
    void deliverPending();

    /**
     * The leader's runtime failed and {@code fresh} replaced it (see {@link LeaderRestart}): join it,
     * reload the state from it, re-run every query; report {@code lost} (may be null) once. Called
     * without the leader's locks.
     */
    void restarted(Leader fresh, LeaderFailure lost);
}
