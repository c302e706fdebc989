package dev.livestorejvm.store;

import java.util.List;
import java.util.Set;

/**
 * One session commit accepted by the leader and not yet persisted: its events with what the
 * session's materialization produced. {@code ticket} orders commits across all sessions of a leader.
 */
record PendingCommit(long ticket, SessionEvents origin, List<Item> items) {
    /** One event: its definition and decoded arguments (to materialize again), its eventlog row and the tables it writes. */
    record Item(EventDef<?> def, Object args, StoredEvent event, Set<String> tables) {}

    SeqNum last() {
        return items.get(items.size() - 1).event().seqNum();
    }
}
