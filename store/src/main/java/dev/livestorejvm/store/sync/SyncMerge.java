package dev.livestorejvm.store.sync;

import dev.livestorejvm.store.SeqNum;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * LiveStore 0.4.0's {@code SyncState.merge}: pure, deterministic, no I/O. The leader merges local
 * pushes and pulled backend chunks with it, a session what its leader sends. Reference: the case
 * table in livestore-sync-0.4.0.md §1.1. Heads and order compare (global, client) and ignore the
 * rebase generation, as LiveStore's {@code isGreaterThan}/{@code max} do.
 *
 * <p>Invalid input from upstream is a {@link MergeResult.Invalid}; a state or result breaking an
 * invariant throws {@link SyncStateException}. Internal to the store's sync.
 */
public final class SyncMerge {
    private SyncMerge() {}

    public static MergeResult merge(SyncState state, SyncPayload payload, MergeOptions options) {
        checkState(state, "state");
        String invalid = ascending(payload.newEvents());
        if (invalid != null) return new MergeResult.Invalid(invalid);
        MergeResult result;
        if (payload instanceof SyncPayload.LocalPush p) {
            result = localPush(state, p.newEvents());
        } else if (payload instanceof SyncPayload.UpstreamAdvance p) {
            result = upstreamAdvance(state, p.newEvents(), options);
        } else {
            result = upstreamRebase(state, (SyncPayload.UpstreamRebase) payload, options.isClientEvent());
        }
        checkResult(state, result);
        return result;
    }

    private static MergeResult localPush(SyncState state, List<SyncEvent> incoming) {
        if (incoming.isEmpty()) return new MergeResult.Advance(state, List.of(), List.of(), List.of());
        if (compare(incoming.get(0).seqNum(), state.localHead()) <= 0) {
            return new MergeResult.Reject(state.localHead().next(true));
        }
        // Client-only events stay pending even with ignoreClientEvents (LiveStore 0.4.0 would drop them under
        // that flag, but its leader never sets it for local pushes): pending stays the eventlog's tail.
        List<SyncEvent> pending = new ArrayList<>(state.pending());
        pending.addAll(incoming);
        return new MergeResult.Advance(new SyncState(pending, state.upstreamHead(), last(incoming).seqNum()), incoming, List.of(), List.of());
    }

    private static MergeResult upstreamAdvance(SyncState state, List<SyncEvent> incoming, MergeOptions o) {
        if (incoming.isEmpty()) return new MergeResult.Advance(state, List.of(), List.of(), List.of());
        if (compare(incoming.get(0).seqNum(), state.upstreamHead()) <= 0) {
            return new MergeResult.Invalid("incoming events must be greater than the upstream head " + state.upstreamHead()
                + ", got " + numbers(incoming));
        }
        if (o.requireContiguousUpstream()) {
            String gap = contiguous(state.upstreamHead(), incoming, o.isClientEvent());
            if (gap != null) return new MergeResult.Invalid(gap);
        }
        SeqNum upstreamHead = last(incoming).seqNum();
        List<SyncEvent> pending = state.pending();
        Predicate<SyncEvent> skipped = e -> o.ignoreClientEvents() && o.isClientEvent().test(e);

        // Walk pending against incoming position by position, skipping ignored client-only events.
        int i = 0; // pending index
        int j = 0; // incoming index
        while (i < pending.size()) {
            if (skipped.test(pending.get(i))) {
                i++;
                continue;
            }
            if (j >= incoming.size() || !pending.get(i).sameEvent(incoming.get(j))) break;
            i++;
            j++;
        }
        boolean diverged = i < pending.size() && !skipped.test(pending.get(i)) && j < incoming.size();
        if (!diverged) {
            // Confirmed prefix: matched events plus the client-only ones skipped among them; when all of
            // incoming matched, the client-only events right after it leave too (LiveStore's splitWhere).
            int split = i;
            List<SyncEvent> confirmed = pending.subList(0, split);
            List<SyncEvent> remaining = pending.subList(split, pending.size());
            Set<Key> pendingKeys = keys(pending);
            List<SyncEvent> newEvents = incoming.stream().filter(e -> !pendingKeys.contains(key(e))).toList();
            // (global, client) only: LiveStore's rebase generation makes a rebased event (r1) miss its echo (r0).
            Set<Key> confirmedKeys = keys(confirmed);
            List<SyncEvent> confirmedIncoming = incoming.stream().filter(e -> confirmedKeys.contains(key(e))).toList();
            SeqNum localHead = remaining.isEmpty() ? max(state.localHead(), upstreamHead) : last(remaining).seqNum();
            return new MergeResult.Advance(new SyncState(remaining, upstreamHead, localHead), newEvents, confirmed,
                confirmedIncoming);
        }
        // Divergence at pending[i]: roll back pending[i..] and replay it on top of the last incoming event.
        List<SyncEvent> rollback = pending.subList(i, pending.size());
        List<SyncEvent> rebased = rebase(rollback, upstreamHead, o.isClientEvent());
        // incoming[0..j) equals pending already applied here. LiveStore recomputes this index against the
        // unfiltered pending, which misaligns when client-only events precede the divergence and re-applies
        // those incoming events; counting while skipping them (j) does not.
        List<SyncEvent> newEvents = new ArrayList<>(incoming.subList(j, incoming.size()));
        newEvents.addAll(rebased);
        return new MergeResult.Rebase(new SyncState(rebased, upstreamHead, last(rebased).seqNum()), newEvents, rollback,
            incoming.subList(0, j));
    }

    private static MergeResult upstreamRebase(SyncState state, SyncPayload.UpstreamRebase p, Predicate<SyncEvent> isClient) {
        List<SyncEvent> rollback = new ArrayList<>(p.rollbackEvents());
        rollback.addAll(state.pending());
        SeqNum upstreamHead = p.newEvents().isEmpty() ? state.upstreamHead() : last(p.newEvents()).seqNum();
        List<SyncEvent> rebased = rebase(state.pending(), upstreamHead, isClient);
        List<SyncEvent> newEvents = new ArrayList<>(p.newEvents());
        newEvents.addAll(rebased);
        SeqNum localHead = rebased.isEmpty() ? upstreamHead : last(rebased).seqNum();
        return new MergeResult.Rebase(new SyncState(rebased, upstreamHead, localHead), newEvents, rollback, List.of());
    }

    /**
     * Renumbers {@code events} on top of {@code base} ({@code rebaseEvents}): each takes the next pair after
     * the previous one, with rebase generation {@code base.rebaseGeneration + 1}. A synced event's parent is
     * {@code {prev.global, 0, prev.rebaseGeneration}}, a client-only event's the previous event itself.
     */
    static List<SyncEvent> rebase(List<SyncEvent> events, SeqNum base, Predicate<SyncEvent> isClient) {
        long generation = base.rebaseGeneration() + 1;
        List<SyncEvent> out = new ArrayList<>(events.size());
        SeqNum prev = base;
        for (SyncEvent e : events) {
            boolean client = isClient.test(e);
            SeqNum seq = client ? new SeqNum(prev.global(), prev.client() + 1, generation)
                : new SeqNum(prev.global() + 1, 0, generation);
            SeqNum parent = client ? prev : new SeqNum(prev.global(), 0, prev.rebaseGeneration());
            SyncEvent r = e.renumbered(seq, parent);
            out.add(r);
            prev = seq;
        }
        return out;
    }

    // ---- validation ----

    private static String ascending(List<SyncEvent> events) {
        for (int k = 1; k < events.size(); k++) {
            if (compare(events.get(k - 1).seqNum(), events.get(k).seqNum()) >= 0) {
                return "events must be in strictly ascending order, got " + numbers(events);
            }
        }
        return null;
    }

    private static String contiguous(SeqNum upstreamHead, List<SyncEvent> incoming, Predicate<SyncEvent> isClient) {
        long global = upstreamHead.global();
        for (SyncEvent e : incoming) {
            boolean ok = isClient.test(e) ? e.seqNum().global() == global
                : e.seqNum().global() == global + 1 && e.parentSeqNum().global() == global;
            if (!ok) {
                return "incoming event " + e.seqNum() + " (parent " + e.parentSeqNum() + ") does not follow e" + global
                    + " (upstream head " + upstreamHead + ", incoming " + numbers(incoming) + ")";
            }
            global = e.seqNum().global();
        }
        return null;
    }

    /** Pending is a chain: ascending, a new global starts at client 0 and points at the previous global, a client-only event at its predecessor. */
    static void checkState(SyncState s, String what) {
        List<SyncEvent> p = s.pending();
        for (int k = 1; k < p.size(); k++) {
            SyncEvent a = p.get(k - 1);
            SyncEvent b = p.get(k);
            String broken = null;
            if (compare(a.seqNum(), b.seqNum()) >= 0) broken = "not ascending";
            else if (b.seqNum().global() > a.seqNum().global()) {
                if (b.seqNum().client() != 0) broken = "a new global event must have client number 0";
                else if (b.parentSeqNum().global() != a.seqNum().global() || b.parentSeqNum().client() != 0) {
                    broken = "a synced event must point at the previous global event";
                }
            } else if (compare(b.parentSeqNum(), a.seqNum()) != 0) {
                broken = "events must be linked by parentSeqNum";
            }
            if (broken != null) {
                throw new SyncStateException(what + ": pending chain broken at " + a.seqNum() + " → " + b.seqNum() + " (parent "
                    + b.parentSeqNum() + "): " + broken + "; pending " + numbers(p));
            }
        }
        if (compare(s.upstreamHead(), s.localHead()) > 0) {
            throw new SyncStateException(what + ": upstream head " + s.upstreamHead() + " above local head " + s.localHead());
        }
    }

    private static void checkResult(SyncState before, MergeResult r) {
        SyncState after;
        if (r instanceof MergeResult.Advance a) after = a.newState();
        else if (r instanceof MergeResult.Rebase b) after = b.newState();
        else return;
        checkState(after, "merge result");
        if (compare(after.localHead(), before.localHead()) < 0) {
            throw new SyncStateException("merge moved the local head back from " + before.localHead() + " to " + after.localHead());
        }
        if (compare(after.upstreamHead(), before.upstreamHead()) < 0) {
            throw new SyncStateException("merge moved the upstream head back from " + before.upstreamHead() + " to "
                + after.upstreamHead());
        }
    }

    // ---- numbers ----

    /** Orders by (global, client), ignoring the rebase generation. */
    static int compare(SeqNum a, SeqNum b) {
        int c = Long.compare(a.global(), b.global());
        return c != 0 ? c : Long.compare(a.client(), b.client());
    }

    private static SeqNum max(SeqNum a, SeqNum b) {
        return compare(a, b) >= 0 ? a : b;
    }

    private static SyncEvent last(List<SyncEvent> events) {
        return events.get(events.size() - 1);
    }

    /** An event's position, (global, client). */
    private record Key(long global, long client) {}

    private static Key key(SyncEvent e) {
        return new Key(e.seqNum().global(), e.seqNum().client());
    }

    private static Set<Key> keys(List<SyncEvent> events) {
        Set<Key> s = new HashSet<>();
        for (SyncEvent e : events) s.add(key(e));
        return s;
    }

    static String numbers(List<SyncEvent> events) {
        return events.stream().map(e -> e.seqNum().toString()).collect(Collectors.joining(", ", "[", "]"));
    }
}
