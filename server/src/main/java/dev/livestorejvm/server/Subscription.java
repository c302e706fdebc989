package dev.livestorejvm.server;

import dev.livestorejvm.protocol.SyncCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * One live pull. It is registered with its store's hub together with a snapshot of the published head,
 * atomically; history up to the snapshot is streamed by a catch-up task while live batches queue up
 * here, then those are flushed. The high-water mark {@code hwm} (the last seqNum sent) filters
 * everything, so a subscriber never sees a duplicate or a reordering.
 */
final class Subscription {
    final Connection connection;
    final String requestId;
    private long hwm;
    private boolean catchingUp = true;
    private List<PublishedBatch> queued = new ArrayList<>();
    private boolean closed;

    Subscription(Connection connection, String requestId, long cursor) {
        this.connection = connection;
        this.requestId = requestId;
        this.hwm = cursor;
    }

    /** Called by the hub under its lock, in admission order. */
    synchronized void deliver(PublishedBatch batch) {
        if (closed) return;
        if (catchingUp) queued.add(batch);
        else send(batch);
    }

    private void send(PublishedBatch batch) {
        PublishedBatch rest = batch.after(hwm);
        if (rest == null) return;
        if (rest.first() != hwm + 1) {
            // never expected: a gap means the hub's invariant broke; fail loudly rather than corrupt the client
            connection.protocolViolation("live pull " + requestId + ": gap after seqNum " + hwm + " (next " + rest.first() + ")");
            closed = true;
            return;
        }
        connection.peer.sendSoon(SyncCodec.chunkFrame(requestId, rest.encoded()));
        hwm = rest.last();
    }

    /** The catch-up task's progress: the last seqNum it sent. */
    synchronized long hwm() {
        return hwm;
    }

    synchronized boolean isCatchingUp() {
        return catchingUp;
    }

    /** Sent by the catch-up task (which alone sends while catching up). */
    synchronized void sentHistory(String frame, long lastSeqNum) {
        if (closed) return;
        connection.peer.send(frame);
        hwm = Math.max(hwm, lastSeqNum);
    }

    /** Ends a catch-up: flushes the batches queued meanwhile. Returns false if a new catch-up must run (see {@link #restartCatchUp}). */
    synchronized void finishCatchUp() {
        if (closed) return;
        List<PublishedBatch> q = queued;
        queued = new ArrayList<>();
        catchingUp = false;
        for (PublishedBatch b : q) send(b);
    }

    /** Starts another catch-up if this subscription is behind {@code head} and not already catching up. */
    synchronized boolean restartCatchUp(long head) {
        if (closed || catchingUp || hwm >= head) return false;
        catchingUp = true;
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
        queued = new ArrayList<>();
    }
}
