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
import dev.livestorejvm.server.storage.StoreHead;
import dev.livestorejvm.server.storage.SyncStorage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The ordering authority of one store in this process. Under its lock: append (the storage's
 * conditional write, durable), then publish to every live pull in admission order, so the echo to the
 * pusher's own pull is ordered with everyone else's. {@code publishedHead} is the last seqNum handed
 * to subscribers; a new subscription snapshots it under the same lock.
 */
final class StoreHub {
    static final int MAX_EVENTS_PER_CHUNK = 100;
    static final int MAX_CHUNK_BYTES = 900_000;
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    final String storeId;
    private final SyncStorage storage;
    private final Executor catchUpExecutor;
    private final ServerMetrics metrics;
    private final Object lock = new Object();
    // iterated as a snapshot: delivering to a socket can close it, and its close unsubscribes (same thread)
    private final List<Subscription> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String backendId;
    private long publishedHead;

    StoreHub(String storeId, SyncStorage storage, Executor catchUpExecutor, ServerMetrics metrics) {
        this.storeId = storeId;
        this.storage = storage;
        this.catchUpExecutor = catchUpExecutor;
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

    /** A push already checked for shape (1..100 events, contiguous). */
    AppendResult push(Connection from, List<EncodedEvent> batch, Optional<String> clientBackendId) {
        synchronized (lock) {
            RawJson metadata = SyncMetadata.of(ISO_MILLIS.format(Instant.now()));
            AppendResult r = storage.append(storeId, clientBackendId.orElse(backendId), batch, metadata);
            if (r instanceof AppendResult.Appended a) {
                publishThrough(batch.get(0).parentSeqNum());   // another node's appends first, if any
                List<PullEvent> events = new ArrayList<>(batch.size());
                for (EncodedEvent e : batch) events.add(new PullEvent(e, Optional.of(metadata)));
                publish(PublishedBatch.of(events, backendId));
                metrics.accepted(batch.size());
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
    }

    /**
     * Another process appended (a storage doorbell): publish what it added. If that process reset the
     * store (a new backendId), this node's live pulls end as after a local reset first.
     */
    void externalAppend(long head) {
        synchronized (lock) {
            StoreHead now = storage.head(storeId);
            if (!now.backendId().equals(backendId)) endPullsAfterReset(now.backendId());
            publishThrough(Math.min(head, now.head()));
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

    /** History (from, until] in chunks of ≤100 events / ≤900 KB: MoreKnown(remaining) ..., NoMore; at least one chunk. */
    private void streamHistory(Subscription sub, long from, long until) {
        long after = from;
        String backend = backendId();
        boolean sentOne = false;
        while (!sub.isClosed()) {
            EventPage page = storage.read(storeId, after, until, MAX_EVENTS_PER_CHUNK);
            List<PullEvent> events = page.events();
            long remaining = page.remaining();
            // the byte limit: cut the page where it would pass 900 KB (one event always goes, whatever its size)
            int bytes = 0;
            int n = 0;
            while (n < events.size()) {
                int size = SyncCodec.encodeEvent(events.get(n).eventEncoded()).length() + 100;
                if (n > 0 && bytes + size > MAX_CHUNK_BYTES) break;
                bytes += size;
                n++;
            }
            if (n < events.size()) {
                remaining += events.size() - n;
                events = events.subList(0, n);
            }
            PageInfo info = remaining > 0 ? new PageInfo.MoreKnown(remaining) : PageInfo.NO_MORE;
            String frame = SyncCodec.chunkFrame(sub.requestId, SyncCodec.encodePullResponse(new PullResponse(events, info, backend)));
            long last = events.isEmpty() ? after : events.get(events.size() - 1).eventEncoded().seqNum();
            if (!events.isEmpty() || !sentOne) sub.sentHistory(frame, last);
            sentOne = true;
            metrics.pulled(events.size());
            if (remaining == 0 || events.isEmpty()) return;
            after = last;
        }
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
