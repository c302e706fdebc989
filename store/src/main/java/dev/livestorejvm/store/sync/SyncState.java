package dev.livestorejvm.store.sync;

import dev.livestorejvm.store.SeqNum;
import java.util.List;
import java.util.Objects;

/**
 * A sync node's view of its upstream (LiveStore's {@code SyncState}): the events it holds that the
 * upstream has not confirmed yet, the upstream head it expects, and its own local head (the last
 * pending event, or the highest event it has seen). Immutable; {@link SyncMerge#merge} returns the
 * next state. Internal to the store's sync.
 */
public record SyncState(List<SyncEvent> pending, SeqNum upstreamHead, SeqNum localHead) {
    public SyncState {
        pending = List.copyOf(pending);
        Objects.requireNonNull(upstreamHead, "upstreamHead");
        Objects.requireNonNull(localHead, "localHead");
    }

    /** A node with nothing pending at {@code head}, e.g. a fresh store at {@link SeqNum#ROOT}. */
    public static SyncState at(SeqNum head) {
        return new SyncState(List.of(), head, head);
    }

    /**
     * The state a leader boots with (LiveStore's boot): upstream head {@code {backendHead, 0, 0}}, the
     * eventlog rows above it pending, local head the last row (or the backend head).
     */
    public static SyncState boot(long backendHead, List<SyncEvent> eventsAboveHead) {
        SeqNum upstream = new SeqNum(backendHead, 0, 0);
        SeqNum local = eventsAboveHead.isEmpty() ? upstream : eventsAboveHead.get(eventsAboveHead.size() - 1).seqNum();
        return new SyncState(eventsAboveHead, upstream, local);
    }

    @Override
    public String toString() {
        return "SyncState[upstreamHead=" + upstreamHead + ", localHead=" + localHead + ", pending=" + SyncMerge.numbers(pending) + "]";
    }
}
