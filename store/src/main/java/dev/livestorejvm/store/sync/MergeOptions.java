package dev.livestorejvm.store.sync;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * How {@link SyncMerge#merge} treats client-only events and incoming numbering. Internal to the store's sync.
 *
 * @param isClientEvent whether an event is client-only (LiveStore asks the schema; an unknown name is not)
 * @param ignoreClientEvents skip client-only pending events when comparing with an upstream advance
 *     (LiveStore's leader, whose upstream is the backend that never sees them); local pushes are
 *     merged the same either way, so the leader may use one options value for both
 * @param requireContiguousUpstream refuse an upstream advance whose synced events do not chain onto
 *     the upstream head without gaps, as {@link MergeResult.Invalid}. LiveStore does not check this;
 *     a backend that skips a number would otherwise make merge confirm a non-prefix of pending
 *     (HEAD's "prefix confirmation" precondition) and re-apply events
 */
public record MergeOptions(Predicate<SyncEvent> isClientEvent, boolean ignoreClientEvents, boolean requireContiguousUpstream) {
    public MergeOptions {
        Objects.requireNonNull(isClientEvent, "isClientEvent");
    }

    /** The leader merging backend chunks: client-only events ignored, incoming checked for gaps. */
    public static MergeOptions leader(Predicate<SyncEvent> isClientEvent) {
        return new MergeOptions(isClientEvent, true, true);
    }

    /** A session merging what its leader sends: client-only events compared like the others. */
    public static MergeOptions session(Predicate<SyncEvent> isClientEvent) {
        return new MergeOptions(isClientEvent, false, false);
    }

    /** Client-only told by numbering ({@code client > 0}), which holds for every well-numbered event. */
    public static MergeOptions leader() {
        return leader(SyncEvent::isClientNumbered);
    }

    public static MergeOptions session() {
        return session(SyncEvent::isClientNumbered);
    }
}
