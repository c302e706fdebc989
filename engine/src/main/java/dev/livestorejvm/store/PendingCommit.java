package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Changeset;
import java.util.List;
import java.util.Set;

/**
 * One session commit accepted by the leader and not yet persisted: its events with what the
 * session's materialization produced. {@code ticket} orders commits across all sessions of a leader.
 */
record PendingCommit(long ticket, Store origin, List<Item> items) {
    /** One event: its definition and decoded arguments (to re-materialize), its eventlog row, and the session's changeset. */
    record Item(EventDef<?> def, Object args, StoredEvent event, Changeset changeset, Set<String> tables) {}

    SeqNum last() {
        return items.get(items.size() - 1).event().seqNum();
    }
}
