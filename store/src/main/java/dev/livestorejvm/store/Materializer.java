package dev.livestorejvm.store;

import java.util.List;

/**
 * Turns an event's decoded arguments into writes on the state tables (query-builder writes or
 * {@link Write#sql}); it may read the current state through {@link Context#query}. It must be
 * deterministic: the same event on the same state gives the same writes, since events are
 * replayed on boot and after a rebase.
 */
@FunctionalInterface
public interface Materializer<A> {
    List<Write> materialize(A args, Context context);

    /** What a materializer may see besides its arguments. */
    interface Context {
        /** Runs a read on the state as this event's materialization left it so far. */
        <T> T query(Query<T> query);

        SeqNum seqNum();

        String eventName();
    }
}
