package dev.livestorejvm.store.sync;

import dev.livestorejvm.store.SeqNum;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Test events: synced events of clients A ("own") and B ("other"), client-only events of A, echoes. */
final class Events {
    private Events() {}

    static SeqNum s(long global) {
        return new SeqNum(global, 0, 0);
    }

    static SeqNum s(long global, long client, long generation) {
        return new SeqNum(global, client, generation);
    }

    static SyncEvent own(long g) {
        return synced(g, "A");
    }

    static SyncEvent other(long g) {
        return synced(g, "B");
    }

    static SyncEvent synced(long g, String client) {
        return new SyncEvent(s(g), s(g - 1), "v1.Made", "{\"n\":" + g + ",\"by\":\"" + client + "\"}", client,
            "s-" + client, null);
    }

    /** A client-only event of A numbered e{g}.{c}, after e{g}.{c-1}. */
    static SyncEvent local(long g, long c) {
        return new SyncEvent(s(g, c, 0), s(g, c - 1, 0), "uiSet", "{\"c\":" + c + "}", "A", "s-A", null);
    }

    static SyncEvent at(SyncEvent e, SeqNum seq, SeqNum parent) {
        return e.renumbered(seq, parent);
    }

    /** The event as the backend sends it back: r0, with sync-cf metadata. */
    static SyncEvent echo(SyncEvent e) {
        return SyncEvent.fromGlobal(new PulledEvent(e.toGlobal(), Optional.of(PulledEvent.syncCfMetadata("2026-01-01T00:00:00.000Z"))));
    }

    static List<SyncEvent> echoes(SyncEvent... es) {
        return Arrays.stream(es).map(Events::echo).toList();
    }

    static List<SyncEvent> l(SyncEvent... es) {
        return List.of(es);
    }
}
