package dev.livestorejvm.server;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncMetadata;
import dev.livestorejvm.server.storage.AppendResult;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.RawPage;
import dev.livestorejvm.server.storage.StoreHead;
import dev.livestorejvm.server.storage.SyncStorage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The ordering authority of one store in this process. Under its lock: append (the storage's
 * conditional write, durable), then publish to every live pull in admission order, so the echo to the
 * pusher's own pull is ordered with everyone else's. {@code publishedHead} is the last seqNum handed
 * to subscribers; a new subscription snapshots it under the same lock.
 */
final class StoreHub {
    static final int MAX_EVENTS_PER_CHUNK = 100;
    static final int MAX_CHUNK_BYTES = 900_000;
    /** Pushes queued on one store at most; a socket pushing into a full queue waits (its reads pause). */
    static final int MAX_QUEUED_PUSHES = 1_000;
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    final String storeId;
    private final SyncStorage storage;
    private final Executor catchUpExecutor;
    private final Executor commitExecutor;
    private final ServerMetrics metrics;
    private final Object lock = new Object();
    private final ArrayDeque<PendingPush> queue = new ArrayDeque<>();
    private boolean committing;   // guarded by queue: a committer task is running or about to
    // iterated as a snapshot: delivering to a socket can close it, and its close unsubscribes (same thread)
    private final List<Subscription> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String backendId;
    private long publishedHead;

    StoreHub(String storeId, SyncStorage storage, Executor catchUpExecutor, Executor commitExecutor, ServerMetrics metrics) {
        this.storeId = storeId;
        this.storage = storage;
        this.catchUpExecutor = catchUpExecutor;
        this.commitExecutor = commitExecutor;
        this.metrics = metrics;
        StoreHead h = storage.head(storeId);
        this.backendId = h.backendId();
        this.publishedHead = h.head();
    }

    String backendId() {
        synchronized (lock) {
            return backendId;
        }
    }

    long publishedHead() {
        synchronized (lock) {
            return publishedHead;
        }
    }

    /**
     * Queues a push already checked for shape (1..100 events, contiguous); {@code done} gets its result (or the storage's exception) once it
     * is durable and published (or refused). Pushes queue in arrival order and are admitted in that order by
     * one committer at a time, which appends every push that chains onto the previous one in a single
     * transaction (group commit: pipelined or concurrent pushes share one flush). The caller's thread does
     * not wait, so a socket's next pushes can join the group being formed.
     */
    void push(Connection from, List<EncodedEvent> batch, Optional<String> clientBackendId, BiConsumer<AppendResult, RuntimeException> done) {
        PendingPush p = new PendingPush(from, batch, clientBackendId, done);
        boolean start;
        synchronized (queue) {
            while (queue.size() >= MAX_QUEUED_PUSHES) {
                try {
                    queue.wait();    // back-pressure on the sockets that push faster than the storage writes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            queue.add(p);
            start = !committing;
            committing = true;
        }
        if (start) {
            try {
                commitExecutor.execute(this::commitQueued);
            } catch (RuntimeException e) {   // the server is stopping: commit on this thread
                commitQueued();
            }
        }
    }

    /** {@link #push}, waiting for the result (admin import); the storage's exception is rethrown. */
    AppendResult pushAndWait(List<EncodedEvent> batch, Optional<String> clientBackendId) {
        java.util.concurrent.CompletableFuture<AppendResult> result = new java.util.concurrent.CompletableFuture<>();
        push(null, batch, clientBackendId, (r, failure) -> {
            if (failure != null) result.completeExceptionally(failure);
            else result.complete(r);
        });
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private void commitQueued() {
        while (true) {
            List<PendingPush> group;
            synchronized (queue) {
                if (queue.isEmpty()) {
                    committing = false;
                    return;
                }
                group = new ArrayList<>(queue);
                queue.clear();
                queue.notifyAll();
            }
            List<Runnable> replies = new ArrayList<>(group.size());
            synchronized (lock) {
                int i = 0;
                while (i < group.size()) i = commitRun(group, i, replies);
            }
            for (Runnable r : replies) r.run();   // acks after the echo, outside the lock
        }
    }

    /**
     * Under the lock: appends the pushes from {@code start} on that chain onto each other with the same backendId
     * in one storage write; returns where the next run starts. If the storage refuses the run or fails, its
     * pushes are tried one by one, so each gets exactly the answer it would have had alone.
     */
    private int commitRun(List<PendingPush> group, int start, List<Runnable> replies) {
        String expected = group.get(start).clientBackendId.orElse(backendId);
        int end = start + 1;
        while (end < group.size()) {
            PendingPush next = group.get(end);
            List<EncodedEvent> prev = group.get(end - 1).batch;
            if (!next.clientBackendId.orElse(backendId).equals(expected)
                || next.batch.get(0).parentSeqNum() != prev.get(prev.size() - 1).seqNum()) break;
            end++;
        }
        if (end - start > 1) {
            List<List<EncodedEvent>> batches = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) batches.add(group.get(i).batch);
            RawJson metadata = SyncMetadata.of(ISO_MILLIS.format(Instant.now()));
            AppendResult r;
            try {
                r = storage.appendAll(storeId, expected, batches, metadata);
            } catch (RuntimeException e) {
                r = null;
            }
            if (r instanceof AppendResult.Appended) {
                publishThrough(group.get(start).batch.get(0).parentSeqNum());   // another node's appends first, if any
                for (int i = start; i < end; i++) {
                    PendingPush p = group.get(i);
                    admitted(p.batch, metadata);
                    AppendResult mine = new AppendResult.Appended(p.batch.get(p.batch.size() - 1).seqNum());
                    replies.add(() -> p.done.accept(mine, null));
                }
                return end;
            }
        }
        for (int i = start; i < end; i++) {
            PendingPush p = group.get(i);
            AppendResult r;
            try {
                r = pushOne(p.from, p.batch, p.clientBackendId);
            } catch (RuntimeException e) {
                replies.add(() -> p.done.accept(null, e));
                continue;
            }
            replies.add(() -> p.done.accept(r, null));
        }
        return end;
    }

    /** Under the lock: one push on its own (the storage decides; a refusal publishes what the pusher lacks). */
    private AppendResult pushOne(Connection from, List<EncodedEvent> batch, Optional<String> clientBackendId) {
        RawJson metadata = SyncMetadata.of(ISO_MILLIS.format(Instant.now()));
        AppendResult r = storage.append(storeId, clientBackendId.orElse(backendId), batch, metadata);
        if (r instanceof AppendResult.Appended) {
            publishThrough(batch.get(0).parentSeqNum());   // another node's appends first, if any
            admitted(batch, metadata);
        } else if (r instanceof AppendResult.ServerAhead s) {
            publishThrough(s.head());
            // the events this socket's live pulls have not had yet: sent now, so a 0.4.0 client that
            // parks on ServerAheadError gets the pull chunk it waits for (livestore#1394, #1462)
            for (Subscription sub : subscriptions) {
                if (sub.connection == from && sub.restartCatchUp(publishedHead)) startCatchUp(sub, publishedHead);
            }
            metrics.rejected();
        } else if (r instanceof AppendResult.BackendIdMismatch m) {
            backendId = m.backendId();
            metrics.rejected();
        }
        return r;
    }

    /** Under the lock: a durable batch goes to every live pull, in admission order. */
    private void admitted(List<EncodedEvent> batch, RawJson metadata) {
        List<PullEvent> events = new ArrayList<>(batch.size());
        for (EncodedEvent e : batch) events.add(new PullEvent(e, Optional.of(metadata)));
        publish(PublishedBatch.of(events, backendId));
        metrics.accepted(batch.size());
    }

    private record PendingPush(Connection from, List<EncodedEvent> batch, Optional<String> clientBackendId, BiConsumer<AppendResult, RuntimeException> done) {}

    /**
     * Another process appended (a storage doorbell): publish what it added. If that process reset the
     * store (a new backendId), this node's live pulls end as after a local reset first.
     */
    void externalAppend(long head) {
        synchronized (lock) {
            StoreHead now = storage.head(storeId);
            if (!now.backendId().equals(backendId)) endPullsAfterReset(now.backendId());
            // through the head stored now, not the ring's: a later append may already be stored, and its
            // own ring may come coalesced or not at all (the storage tells each head once)
            publishThrough(now.head());
        }
    }

    /** Publishes stored events up to {@code head} that this hub has not published (appends by other nodes). */
    private void publishThrough(long head) {
        while (publishedHead < head) {
            EventPage page = storage.read(storeId, publishedHead, head, MAX_EVENTS_PER_CHUNK);
            if (page.events().isEmpty()) break;
            publish(PublishedBatch.of(page.events(), backendId));
        }
    }

    private void publish(PublishedBatch b) {
        publishedHead = b.last();
        for (Subscription sub : subscriptions) sub.deliver(b);
    }

    /**
     * Starts a pull from {@code cursor}: registers a live subscription and snapshots the head atomically,
     * then streams the history on the catch-up executor. A non-live pull ends with an {@code Exit} when
     * the history is sent.
     */
    void pull(Connection conn, String requestId, long cursor, boolean live) {
        long target;
        Subscription sub = new Subscription(conn, requestId, cursor);
        synchronized (lock) {
            target = publishedHead;
            if (live) {
                subscriptions.add(sub);
                conn.subscribed(sub, this);
            }
        }
        if (live) {
            startCatchUp(sub, target);
        } else {
            catchUpExecutor.execute(() -> {
                try {
                    streamHistory(sub, cursor, target);
                    conn.peer.send(SyncCodec.encode(new dev.livestorejvm.protocol.ServerFrame.Exit(requestId,
                        dev.livestorejvm.protocol.ExitResult.Success.VOID)));
                } catch (RuntimeException e) {
                    conn.failed(requestId, "pull from " + cursor + " failed: " + e.getMessage());
                }
            });
        }
    }

    private void startCatchUp(Subscription sub, long target) {
        catchUpExecutor.execute(() -> {
            try {
                streamHistory(sub, sub.hwm(), target);
                sub.finishCatchUp();
            } catch (RuntimeException e) {
                unsubscribe(sub);
                sub.connection.failed(sub.requestId, "live pull catch-up failed: " + e.getMessage());
            }
        });
    }

    /**
     * History (from, until] in chunks of ≤100 events / ≤900 KB: MoreKnown(remaining) ..., NoMore; at least one
     * chunk. The storage's item text goes into the frames as it is (no decoding, no re-encoding).
     */
    private void streamHistory(Subscription sub, long from, long until) {
        long after = from;
        String backend = backendId();
        boolean sentOne = false;
        while (!sub.isClosed()) {
            RawPage page = storage.readRaw(storeId, after, until, MAX_EVENTS_PER_CHUNK);
            List<String> items = page.items();
            long remaining = page.remaining();
            // the byte limit: cut the page where it would pass 900 KB (one event always goes, whatever its size)
            int chars = 0;
            for (String item : items) chars += item.length() + 1;
            int bytes = 0;
            // at most 3 UTF-8 bytes per char: a page surely within the limit is not measured
            int n = (long) chars * 3 <= MAX_CHUNK_BYTES ? items.size() : 0;
            while (n < items.size()) {
                int size = utf8Length(items.get(n)) + 1;
                if (n > 0 && bytes + size > MAX_CHUNK_BYTES) break;
                bytes += size;
                n++;
            }
            if (n < items.size()) {
                remaining += items.size() - n;
                items = items.subList(0, n);
            }
            PageInfo info = remaining > 0 ? new PageInfo.MoreKnown(remaining) : PageInfo.NO_MORE;
            String frame = SyncCodec.chunkFrameOfItems(sub.requestId, items, info, backend);
            long last = items.isEmpty() ? after : page.firstSeqNum() + items.size() - 1;
            if (!items.isEmpty() || !sentOne) sub.sentHistory(frame, last);
            sentOne = true;
            metrics.pulled(items.size());
            if (remaining == 0 || items.isEmpty()) return;
            after = last;
        }
    }

    /** The UTF-8 length of a text (an upper bound for unpaired surrogates), without encoding it. */
    static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) n += c < 0x800 ? 1 : 2;
        }
        return n;
    }

    void unsubscribe(Subscription sub) {
        sub.close();
        synchronized (lock) {
            subscriptions.remove(sub);
        }
    }

    /** Empties the store with a new backendId; live pulls end with BackendIdMismatchError (clients follow their policy). */
    StoreHead reset() {
        synchronized (lock) {
            StoreHead h = storage.reset(storeId);
            endPullsAfterReset(h.backendId());
            return h;
        }
    }

    /** Under the lock: the store now has {@code newBackendId} and starts empty; live pulls end with BackendIdMismatchError. */
    private void endPullsAfterReset(String newBackendId) {
        String old = backendId;
        backendId = newBackendId;
        publishedHead = 0;
        for (Subscription sub : List.copyOf(subscriptions)) {
            subscriptions.remove(sub);
            sub.close();
            sub.connection.backendReset(sub.requestId, newBackendId, old);
        }
    }

    int subscriberCount() {
        synchronized (lock) {
            return subscriptions.size();
        }
    }
}
