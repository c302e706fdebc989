package dev.livestorejvm.store.sync;

import dev.livestorejvm.store.SeqNum;
import java.util.List;

/** The outcome of {@link SyncMerge#merge} (LiveStore's {@code MergeResult}). Internal to the store's sync. */
public sealed interface MergeResult {

    /**
     * Nothing to roll back: apply {@code newEvents} in order.
     *
     * @param confirmedEvents the pending prefix the upstream confirmed (LiveStore's list; client-only
     *     events skipped by {@code ignoreClientEvents} leave pending with it)
     * @param confirmedIncoming the incoming events that confirmed pending events, matched by
     *     (global, client) only, carrying the upstream's sync metadata: write that metadata onto
     *     those eventlog rows. LiveStore matches with the rebase generation too and so never
     *     writes it for events rebased before being pushed (its r1 vs the echo's r0).
     */
    record Advance(SyncState newState, List<SyncEvent> newEvents, List<SyncEvent> confirmedEvents,
                   List<SyncEvent> confirmedIncoming) implements MergeResult {
        public Advance {
            newEvents = List.copyOf(newEvents);
            confirmedEvents = List.copyOf(confirmedEvents);
            confirmedIncoming = List.copyOf(confirmedIncoming);
        }
    }

    /**
     * Roll back {@code rollbackEvents} (newest first), then apply {@code newEvents}: the incoming
     * events not already applied here, followed by the rebased pending events.
     *
     * @param confirmedIncoming incoming events equal to pending events before the divergence point:
     *     confirmed although LiveStore does not report them (their metadata is worth writing)
     */
    record Rebase(SyncState newState, List<SyncEvent> newEvents, List<SyncEvent> rollbackEvents,
                  List<SyncEvent> confirmedIncoming) implements MergeResult {
        public Rebase {
            newEvents = List.copyOf(newEvents);
            rollbackEvents = List.copyOf(rollbackEvents);
            confirmedIncoming = List.copyOf(confirmedIncoming);
        }
    }

    /** A local push numbered at or below the local head: renumber from {@code expectedMinimumId} and retry. */
    record Reject(SeqNum expectedMinimumId) implements MergeResult {}

    /**
     * The payload breaks the protocol (LiveStore's {@code unexpected-error}): events not strictly
     * ascending, or an upstream advance at or below the upstream head (a duplicated or replayed
     * chunk). The state is unchanged; at the leader, drop the connection and re-pull from the
     * persisted cursor.
     */
    record Invalid(String reason) implements MergeResult {}
}
