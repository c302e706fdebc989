package dev.livestorejvm.store.sync;

/**
 * A sync state broke an invariant of {@link SyncMerge} (pending not a chain, upstream head above the
 * local head, a head moving back): a defect of the caller, as LiveStore's {@code shouldNeverHappen}.
 * The message names the invariant and the events.
 */
public final class SyncStateException extends IllegalStateException {
    public SyncStateException(String message) {
        super(message);
    }
}
