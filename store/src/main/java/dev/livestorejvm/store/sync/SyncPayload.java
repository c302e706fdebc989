package dev.livestorejvm.store.sync;

import java.util.List;

/** What is merged into a {@link SyncState} (LiveStore's {@code SyncState.Payload}). Internal to the store's sync. */
public sealed interface SyncPayload {
    /** The events to merge (for an upstream rebase, those to apply after the rollback). */
    List<SyncEvent> newEvents();

    /** Events committed on this node, numbered from its local head. */
    record LocalPush(List<SyncEvent> newEvents) implements SyncPayload {
        public LocalPush {
            newEvents = List.copyOf(newEvents);
        }
    }

    /** Events the upstream has ordered after its previous head (a pulled chunk at the leader). */
    record UpstreamAdvance(List<SyncEvent> newEvents) implements SyncPayload {
        public UpstreamAdvance {
            newEvents = List.copyOf(newEvents);
        }
    }

    /** The upstream (the leader, to a session) rolled back {@code rollbackEvents} and applied {@code newEvents}. */
    record UpstreamRebase(List<SyncEvent> rollbackEvents, List<SyncEvent> newEvents) implements SyncPayload {
        public UpstreamRebase {
            rollbackEvents = List.copyOf(rollbackEvents);
            newEvents = List.copyOf(newEvents);
        }
    }
}
