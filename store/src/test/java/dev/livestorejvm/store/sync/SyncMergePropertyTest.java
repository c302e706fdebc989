package dev.livestorejvm.store.sync;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.store.SeqNum;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of local commits (synced and client-only), other clients' pushes, this
 * client's pushes (accepted iff they chain onto the backend head) and pulled chunks of random size,
 * merged as a leader does. After every merge: upstream head ≤ local head, neither moves back, pending
 * is a chain starting at the upstream head, rolled-back events are the tail of the local eventlog.
 * At the end, after draining: the local eventlog's synced events are the backend's log, every
 * committed event is there exactly once, and every synced row carries the backend's metadata.
 * 300 seeds by default, 3,000 with -Dfull=true.
 */
class SyncMergePropertyTest {
    private static final int SEEDS = Integer.getInteger("seeds", Boolean.getBoolean("full") ? 3_000 : 300);
    private static final int STEPS = 200;

    @Test
    void randomInterleavingsKeepTheInvariantsAndConverge() {
        long rebases = 0, rebasedClientOnly = 0, confirmations = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run run = new Run(seed);
            try {
                run.play();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
            rebases += run.rebases;
            rebasedClientOnly += run.rebasedClientOnly;
            confirmations += run.confirmations;
        }
        // The runs exercised what they are meant to: rebases (with client-only events) and confirmations.
        assertTrue(rebases > SEEDS, "rebases " + rebases);
        assertTrue(rebasedClientOnly > SEEDS / 10, "client-only events rebased " + rebasedClientOnly);
        assertTrue(confirmations > SEEDS, "confirmations " + confirmations);
    }

    private static final class Run {
        final Random rnd;
        final MergeOptions options = MergeOptions.leader();
        final List<GlobalEvent> backend = new ArrayList<>();
        final List<SyncEvent> eventlog = new ArrayList<>();
        final List<String> committedSynced = new ArrayList<>();
        final List<String> committedClientOnly = new ArrayList<>();
        SyncState state = SyncState.at(SeqNum.ROOT);
        int delivered; // backend events already pulled (the cursor)
        long pushedUpTo; // global of the last event handed to the backend since the push queue was re-seeded
        int ids;
        long rebases, rebasedClientOnly, confirmations;

        Run(long seed) {
            rnd = new Random(seed);
        }

        void play() {
            for (int step = 0; step < STEPS; step++) {
                switch (rnd.nextInt(4)) {
                    case 0 -> commit();
                    case 1 -> otherClientPushes();
                    case 2 -> push();
                    default -> pull(1 + rnd.nextInt(4));
                }
            }
            for (int round = 0; round < 1_000 && !drained(); round++) {
                push();
                pull(Integer.MAX_VALUE);
            }
            assertTrue(drained(), "did not drain: " + state);
            List<SyncEvent> synced = eventlog.stream().filter(e -> !e.isClientNumbered()).toList();
            assertEquals(backend.size(), synced.size(), "synced rows vs backend log");
            for (int k = 0; k < backend.size(); k++) {
                GlobalEvent b = backend.get(k);
                SyncEvent l = synced.get(k);
                assertEquals(b, l.toGlobal());
                assertTrue(l.syncMetadataJson().contains("SyncMessage.SyncMetadata"), () -> "no metadata on " + l);
            }
            assertAllOnce(committedSynced, backend.stream().map(GlobalEvent::argsJson).toList(), "backend");
            assertAllOnce(committedClientOnly, eventlog.stream().filter(SyncEvent::isClientNumbered).map(SyncEvent::argsJson).toList(),
                "local client-only rows");
        }

        boolean drained() {
            return delivered == backend.size() && state.pending().stream().allMatch(SyncEvent::isClientNumbered);
        }

        void commit() {
            int n = 1 + rnd.nextInt(3);
            List<SyncEvent> batch = new ArrayList<>();
            SeqNum head = state.localHead();
            for (int k = 0; k < n; k++) {
                boolean clientOnly = rnd.nextInt(4) == 0;
                String args = "{\"id\":" + (ids++) + "}";
                SeqNum seq = head.next(clientOnly);
                batch.add(new SyncEvent(seq, head.parentOfNext(clientOnly), clientOnly ? "uiSet" : "v1.Made", args, "A", "s-A", null));
                (clientOnly ? committedClientOnly : committedSynced).add(args);
                head = seq;
            }
            MergeResult r = merge(new SyncPayload.LocalPush(batch));
            var a = assertInstanceOf(MergeResult.Advance.class, r);
            eventlog.addAll(a.newEvents());
            checkEventlog(() -> "commit " + batch);
        }

        /** Pending is the eventlog's tail; rows strictly ascending by (global, client), so no number twice. */
        void checkEventlog(java.util.function.Supplier<String> after) {
            List<SyncEvent> p = state.pending();
            assertTrue(eventlog.size() >= p.size());
            assertEquals(p, List.copyOf(eventlog.subList(eventlog.size() - p.size(), eventlog.size())),
                () -> "pending is not the eventlog's tail after " + after.get() + ": " + state + " log " + SyncMerge.numbers(eventlog));
            for (int k = 1; k < eventlog.size(); k++) {
                int at = k;
                assertTrue(SyncMerge.compare(eventlog.get(k - 1).seqNum(), eventlog.get(k).seqNum()) < 0,
                    () -> "rows not ascending at " + eventlog.get(at).seqNum() + " after " + after.get() + ": " + SyncMerge.numbers(eventlog));
            }
        }

        void otherClientPushes() {
            int n = 1 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                long seq = backend.size() + 1;
                backend.add(new GlobalEvent(seq, seq - 1, "v1.Made", "{\"other\":" + (ids++) + "}", "B", "s-B"));
            }
        }

        /** The server's rule: accept iff the batch's first parent is the head (the batch is contiguous by construction). */
        void push() {
            List<SyncEvent> batch = state.pending().stream()
                .filter(e -> !e.isClientNumbered() && e.seqNum().global() > pushedUpTo).limit(1 + rnd.nextInt(5)).toList();
            if (batch.isEmpty()) return;
            if (batch.get(0).parentSeqNum().global() != backend.size()) return; // ServerAheadError: wait for the pull
            for (SyncEvent e : batch) backend.add(e.toGlobal());
            pushedUpTo = batch.get(batch.size() - 1).seqNum().global();
        }

        void pull(int max) {
            if (delivered == backend.size()) return;
            int end = (int) Math.min(backend.size(), (long) delivered + max);
            List<SyncEvent> chunk = new ArrayList<>();
            for (int k = delivered; k < end; k++) {
                String meta = PulledEvent.syncCfMetadata("t" + k);
                chunk.add(SyncEvent.fromGlobal(new PulledEvent(backend.get(k), Optional.of(meta))));
            }
            delivered = end;
            MergeResult r = merge(new SyncPayload.UpstreamAdvance(chunk));
            if (r instanceof MergeResult.Advance a) {
                eventlog.addAll(a.newEvents());
                writeMetadata(a.confirmedIncoming());
                if (!a.confirmedIncoming().isEmpty()) confirmations++;
            } else {
                var b = assertInstanceOf(MergeResult.Rebase.class, r, () -> "pull gave " + r);
                List<SyncEvent> tail = eventlog.subList(eventlog.size() - b.rollbackEvents().size(), eventlog.size());
                assertEquals(b.rollbackEvents(), List.copyOf(tail), "rollback must be the eventlog's tail");
                tail.clear();
                eventlog.addAll(b.newEvents());
                writeMetadata(b.confirmedIncoming());
                rebases++;
                rebasedClientOnly += b.rollbackEvents().stream().filter(SyncEvent::isClientNumbered).count();
            }
            checkEventlog(() -> "pull " + SyncMerge.numbers(chunk) + " → " + r);
            pushedUpTo = state.upstreamHead().global(); // LiveStore restarts pushing from pending after every chunk
        }

        void writeMetadata(List<SyncEvent> confirmed) {
            for (SyncEvent c : confirmed) {
                for (int k = 0; k < eventlog.size(); k++) {
                    SyncEvent e = eventlog.get(k);
                    if (e.seqNum().global() == c.seqNum().global() && e.seqNum().client() == c.seqNum().client()) {
                        eventlog.set(k, e.withSyncMetadata(c.syncMetadataJson()));
                    }
                }
            }
            // Incoming events applied as new already carry theirs.
        }

        MergeResult merge(SyncPayload p) {
            SyncState before = state;
            MergeResult r = SyncMerge.merge(before, p, options);
            SyncState after = r instanceof MergeResult.Advance a ? a.newState() : r instanceof MergeResult.Rebase b ? b.newState() : null;
            assertNotNull(after, () -> "unexpected " + r + " for " + p + " on " + before);
            assertTrue(SyncMerge.compare(after.upstreamHead(), after.localHead()) <= 0, () -> "upstream head above local head: " + after);
            assertTrue(SyncMerge.compare(after.localHead(), before.localHead()) >= 0, () -> "local head moved back: " + before + " → " + after);
            assertTrue(SyncMerge.compare(after.upstreamHead(), before.upstreamHead()) >= 0, "upstream head moved back");
            if (!after.pending().isEmpty()) {
                assertEquals(after.upstreamHead().global(), after.pending().get(0).parentSeqNum().global(), () -> "pending starts at the upstream head: " + after);
            }
            List<SyncEvent> p2 = after.pending();
            for (int k = 1; k < p2.size(); k++) {
                assertEquals(p2.get(k - 1).seqNum().global(), p2.get(k).parentSeqNum().global(), () -> "pending chain: " + after);
            }
            if (!p2.isEmpty()) assertEquals(p2.get(p2.size() - 1).seqNum(), after.localHead());
            state = after;
            return r;
        }

        static void assertAllOnce(List<String> expected, List<String> actual, String where) {
            Set<String> seen = new HashSet<>();
            for (String a : actual) assertTrue(seen.add(a), "twice in " + where + ": " + a);
            assertEquals(new HashSet<>(expected), seen.stream().filter(new HashSet<>(expected)::contains).collect(java.util.stream.Collectors.toSet()),
                "missing from " + where);
        }
    }
}
