package dev.livestorejvm.store.sync;

import static dev.livestorejvm.store.sync.Events.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.store.SeqNum;
import dev.livestorejvm.store.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** One row per case of the merge table and per worked example of livestore-sync-0.4.0.md §1.1-1.2. */
class SyncMergeTest {
    record Case(String name, SyncState state, SyncPayload payload, MergeOptions options, MergeResult expected) {}

    static final MergeOptions LEADER = MergeOptions.leader();
    static final MergeOptions SESSION = MergeOptions.session();

    static SyncState st(List<SyncEvent> pending, SeqNum upstream, SeqNum local) {
        return new SyncState(pending, upstream, local);
    }

    static SyncPayload.LocalPush push(SyncEvent... es) {
        return new SyncPayload.LocalPush(l(es));
    }

    static SyncPayload.UpstreamAdvance adv(List<SyncEvent> es) {
        return new SyncPayload.UpstreamAdvance(es);
    }

    static List<Case> cases() {
        SyncState s3 = SyncState.at(s(3));
        SyncState p45 = st(l(own(4), own(5)), s(3), s(5));
        SyncState p456 = st(l(own(4), own(5), own(6)), s(3), s(6));
        // e4r1 e5r1: own events rebased once before being pushed
        SyncEvent r4 = at(own(4), s(4, 0, 1), s(3)), r5 = at(own(5), s(5, 0, 1), s(4, 0, 1));
        return List.of(
            // ---- local-push ----
            new Case("local-push of nothing: advance, state unchanged", p45, push(), LEADER,
                new MergeResult.Advance(p45, l(), l(), l())),
            new Case("local-push above the local head: appended to pending", p45, push(own(6), local(6, 1)), SESSION,
                new MergeResult.Advance(st(l(own(4), own(5), own(6), local(6, 1)), s(3), s(6, 1, 0)), l(own(6), local(6, 1)), l(), l())),
            new Case("local-push at the local head: reject, expected e{g}.{c+1}", p45, push(own(5)), SESSION,
                new MergeResult.Reject(s(5, 1, 0))),
            new Case("local-push below the local head: reject", p45, push(own(4)), SESSION,
                new MergeResult.Reject(s(5, 1, 0))),
            // The reference: client-only events dropped only under ignoreClientEvents, which LiveStore's leader never
            // sets for local pushes. Here they always stay pending, so pending remains the eventlog's tail.
            new Case("local-push at the leader: client-only events are pending too", p45, push(local(5, 1), own(6)), LEADER,
                new MergeResult.Advance(st(l(own(4), own(5), local(5, 1), own(6)), s(3), s(6)), l(local(5, 1), own(6)), l(), l())),
            new Case("local-push not ascending: invalid", p45, push(own(7), own(6)), SESSION,
                new MergeResult.Invalid("events must be in strictly ascending order, got [e7, e6]")),
            // ---- upstream-advance: refusals ----
            new Case("upstream-advance of nothing: advance, state unchanged", p45, adv(l()), LEADER,
                new MergeResult.Advance(p45, l(), l(), l())),
            new Case("upstream-advance not ascending: invalid", s3, adv(l(other(5), other(4))), LEADER,
                new MergeResult.Invalid("events must be in strictly ascending order, got [e5, e4]")),
            new Case("upstream-advance at the upstream head (a duplicated chunk): invalid", s3, adv(l(other(3))), LEADER,
                new MergeResult.Invalid("incoming events must be greater than the upstream head e3, got [e3]")),
            new Case("upstream-advance with a gap: invalid at the leader", s3, adv(l(other(5))), LEADER,
                new MergeResult.Invalid("incoming event e5 (parent e4) does not follow e3 (upstream head e3, incoming [e5])")),
            // ---- upstream-advance: advance ----
            new Case("nothing pending: all incoming events are new", s3, adv(l(other(4), other(5))), LEADER,
                new MergeResult.Advance(SyncState.at(s(5)), l(other(4), other(5)), l(), l())),
            new Case("example 1: pending [e4,e5], echo [e4,e5]: both confirmed, nothing new", p45, adv(echoes(own(4), own(5))), LEADER,
                new MergeResult.Advance(SyncState.at(s(5)), l(), l(own(4), own(5)), echoes(own(4), own(5)))),
            new Case("example 2: pending [e4,e5,e6], first echo chunk [e4,e5]: e6 stays pending", p456, adv(echoes(own(4), own(5))), LEADER,
                new MergeResult.Advance(st(l(own(6)), s(5), s(6)), l(), l(own(4), own(5)), echoes(own(4), own(5)))),
            new Case("example 3: pending [e4,e5], incoming [e4,e5,e6(other)]: confirmed, e6 new", p45,
                adv(l(echo(own(4)), echo(own(5)), other(6))), LEADER,
                new MergeResult.Advance(SyncState.at(s(6)), l(other(6)), l(own(4), own(5)), echoes(own(4), own(5)))),
            new Case("client-only events between confirmed ones leave pending with them", st(l(own(4), local(4, 1), at(own(5), s(5), s(4))), s(3), s(5)),
                adv(echoes(own(4))), LEADER,
                new MergeResult.Advance(st(l(own(5)), s(4), s(5)), l(), l(own(4), local(4, 1)), echoes(own(4)))),
            new Case("only client-only events pending: they leave pending, local head moves to the upstream head",
                st(l(local(3, 1)), s(3), s(3, 1, 0)), adv(l(other(4))), LEADER,
                new MergeResult.Advance(SyncState.at(s(4)), l(other(4)), l(local(3, 1)), l())),
            new Case("confirmation after a rebase compares (global, client): the echo (r0) confirms e4r1, e5r1 and brings its metadata",
                st(l(r4, r5), s(3), s(5, 0, 1)), adv(echoes(own(4), own(5))), LEADER,
                new MergeResult.Advance(st(l(), s(5), s(5, 0, 1)), l(), l(r4, r5), echoes(own(4), own(5)))),
            new Case("arguments compare as JS values: 1 equals 1.0, key order does not matter",
                st(l(new SyncEvent(s(4), s(3), "v1.Made", "{\"a\":1,\"b\":\"x\"}", "A", "s-A", null)), s(3), s(4)),
                adv(l(new SyncEvent(s(4), s(3), "v1.Made", "{\"b\":\"x\",\"a\":1.0}", "A", "s-A", null))), LEADER,
                new MergeResult.Advance(SyncState.at(s(4)), l(),
                    l(new SyncEvent(s(4), s(3), "v1.Made", "{\"a\":1,\"b\":\"x\"}", "A", "s-A", null)),
                    l(new SyncEvent(s(4), s(3), "v1.Made", "{\"b\":\"x\",\"a\":1.0}", "A", "s-A", null)))),
            // ---- upstream-advance: rebase ----
            new Case("example 4: pending [e4,e5,e6], incoming [e4(own),e5(other)]: roll back [e5,e6], new [e5(other),e6r1,e7r1]",
                p456, adv(l(echo(own(4)), other(5))), LEADER,
                new MergeResult.Rebase(st(l(at(own(5), s(6, 0, 1), s(5)), at(own(6), s(7, 0, 1), s(6, 0, 1))), s(5), s(7, 0, 1)),
                    l(other(5), at(own(5), s(6, 0, 1), s(5)), at(own(6), s(7, 0, 1), s(6, 0, 1))),
                    l(own(5), own(6)), echoes(own(4)))),
            new Case("example 5: pending [e1,e2], incoming [e1,e2,e3] of another client: rebased to e4r1, e5r1",
                st(l(own(1), own(2)), SeqNum.ROOT, s(2)), adv(l(other(1), other(2), other(3))), LEADER,
                new MergeResult.Rebase(st(l(at(own(1), s(4, 0, 1), s(3)), at(own(2), s(5, 0, 1), s(4, 0, 1))), s(3), s(5, 0, 1)),
                    l(other(1), other(2), other(3), at(own(1), s(4, 0, 1), s(3)), at(own(2), s(5, 0, 1), s(4, 0, 1))),
                    l(own(1), own(2)), l())),
            new Case("a client-only event after the divergence is rolled back and renumbered e{g}.1r1",
                st(l(own(5), local(5, 1)), s(4), s(5, 1, 0)), adv(l(other(5))), LEADER,
                new MergeResult.Rebase(st(l(at(own(5), s(6, 0, 1), s(5)), at(local(5, 1), s(6, 1, 1), s(6, 0, 1))), s(5), s(6, 1, 1)),
                    l(other(5), at(own(5), s(6, 0, 1), s(5)), at(local(5, 1), s(6, 1, 1), s(6, 0, 1))),
                    l(own(5), local(5, 1)), l())),
            new Case("a client-only event before a confirmed prefix: the confirmed e5 is not applied again (LiveStore would)",
                st(l(local(4, 1), at(own(5), s(5), s(4)), own(6)), s(4), s(6)), adv(l(echo(own(5)), other(6))), LEADER,
                new MergeResult.Rebase(st(l(at(own(6), s(7, 0, 1), s(6))), s(6), s(7, 0, 1)),
                    l(other(6), at(own(6), s(7, 0, 1), s(6))), l(own(6)), echoes(own(5)))),
            // nextPair: a synced event's parent is {prev.global, 0, prev.rebaseGeneration}, here e5r1 after e5.1r1 (as LiveStore)
            new Case("a session compares client-only events too: an upstream without them diverges",
                st(l(local(4, 1), at(own(5), s(5), s(4))), s(4), s(5)), adv(l(other(5))), SESSION,
                new MergeResult.Rebase(st(l(at(local(4, 1), s(5, 1, 1), s(5)), at(own(5), s(6, 0, 1), s(5, 0, 1))), s(5), s(6, 0, 1)),
                    l(other(5), at(local(4, 1), s(5, 1, 1), s(5)), at(own(5), s(6, 0, 1), s(5, 0, 1))),
                    l(local(4, 1), at(own(5), s(5), s(4))), l())),
            // ---- upstream-rebase (leader → session) ----
            new Case("upstream-rebase: roll back its events and all pending, rebase pending on its last event (generation + 1)",
                st(l(own(6), own(7)), s(5), s(7)),
                new SyncPayload.UpstreamRebase(l(own(5)), l(other(5), at(own(5), s(6, 0, 1), s(5)))), SESSION,
                new MergeResult.Rebase(st(l(at(own(6), s(7, 0, 2), s(6, 0, 1)), at(own(7), s(8, 0, 2), s(7, 0, 2))), s(6, 0, 1), s(8, 0, 2)),
                    l(other(5), at(own(5), s(6, 0, 1), s(5)), at(own(6), s(7, 0, 2), s(6, 0, 1)), at(own(7), s(8, 0, 2), s(7, 0, 2))),
                    l(own(5), own(6), own(7)), l())),
            new Case("upstream-rebase with no new events: pending rebased on the old upstream head",
                st(l(own(6)), s(5), s(6)), new SyncPayload.UpstreamRebase(l(own(5)), l()), SESSION,
                new MergeResult.Rebase(st(l(at(own(6), s(6, 0, 1), s(5))), s(5), s(6, 0, 1)),
                    l(at(own(6), s(6, 0, 1), s(5))), l(own(5), own(6)), l()))
        );
    }

    @TestFactory
    Stream<DynamicTest> caseTable() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(),
            () -> assertEquals(c.expected(), SyncMerge.merge(c.state(), c.payload(), c.options()), c.name())));
    }

    @Test
    void theMetadataOfConfirmedRebasedEventsIsTheEchoes() {
        // LiveStore 0.4.0 filters confirmed events with Client.isEqual, which compares the rebase
        // generation: e4r1 never matches its echo e4 (r0) and the row keeps {"_tag":"None"}.
        SyncEvent r4 = at(own(4), s(4, 0, 1), s(3));
        var result = (MergeResult.Advance) SyncMerge.merge(st(l(r4), s(3), s(4, 0, 1)), adv(echoes(own(4))), LEADER);
        assertEquals(1, result.confirmedIncoming().size());
        assertTrue(result.confirmedIncoming().get(0).syncMetadataJson().startsWith("{\"_tag\":\"Some\",\"value\":{\"_tag\":\"SyncMessage.SyncMetadata\""));
        assertEquals(1, result.confirmedEvents().get(0).seqNum().rebaseGeneration());
    }

    @Test
    void brokenStatesAreDefectsNamingTheChain() {
        SyncState gap = st(l(own(4), own(6)), s(3), s(6));
        var e = assertThrows(SyncStateException.class, () -> SyncMerge.merge(gap, push(), LEADER));
        assertTrue(e.getMessage().contains("e4 → e6"), e.getMessage());
        SyncState headsCrossed = new SyncState(l(), s(5), s(4));
        assertThrows(SyncStateException.class, () -> SyncMerge.merge(headsCrossed, push(), LEADER));
        SyncState unlinkedClient = st(l(own(4), new SyncEvent(s(4, 2, 0), s(4, 1, 0), "uiSet", "{}", "A", "s-A", null)), s(3), s(4, 2, 0));
        assertThrows(SyncStateException.class, () -> SyncMerge.merge(unlinkedClient, push(), LEADER));
    }

    @Test
    void aLeaderRefusesIncomingEventsNotChainedOnTheirPredecessor() {
        SyncEvent badParent = new SyncEvent(s(5), s(3), "v1.Made", "{}", "B", "s-B", null);
        var r = SyncMerge.merge(SyncState.at(s(3)), adv(l(other(4), badParent)), LEADER);
        assertInstanceOf(MergeResult.Invalid.class, r);
        // A session does not check numbering gaps (as LiveStore).
        assertInstanceOf(MergeResult.Advance.class, SyncMerge.merge(SyncState.at(s(3)), adv(l(other(5))), SESSION));
    }

    @Test
    void convertsFromAndToEventlogRowsAndTheWire() {
        StoredEvent row = new StoredEvent(s(4, 0, 1), s(3), "v1.Made", "{\"n\":1}", "A", "s-A", 77, StoredEvent.NO_SYNC_METADATA);
        SyncEvent e = SyncEvent.fromStored(row);
        assertEquals(row, e.toStored(77));
        GlobalEvent g = e.toGlobal();
        assertEquals(new GlobalEvent(4, 3, "v1.Made", "{\"n\":1}", "A", "s-A"), g);
        SyncEvent back = SyncEvent.fromGlobal(new PulledEvent(g, Optional.of("{\"x\":1}")));
        assertEquals(s(4), back.seqNum());
        assertEquals(s(3), back.parentSeqNum());
        assertEquals("{\"_tag\":\"Some\",\"value\":{\"x\":1}}", back.syncMetadataJson());
        assertEquals(StoredEvent.NO_SYNC_METADATA, SyncEvent.fromGlobal(new PulledEvent(g, Optional.empty())).syncMetadataJson());
        assertTrue(e.sameEvent(back));
        assertFalse(e.sameEvent(new SyncEvent(s(4), s(3), "v1.Made", "{\"n\":2}", "A", "s-A", null)));
    }

    @Test
    void bootStateHoldsTheRowsAboveTheBackendHead() {
        SyncState boot = SyncState.boot(3, l(own(4), local(4, 1)));
        assertEquals(s(3), boot.upstreamHead());
        assertEquals(s(4, 1, 0), boot.localHead());
        assertEquals(SyncState.at(s(3)), SyncState.boot(3, l()));
    }
}
