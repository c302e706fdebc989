package dev.livestorejvm.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the server's work; exported by {@link SyncServer#metrics()} and the admin metrics endpoint. */
public final class ServerMetrics {
    private final AtomicLong connections = new AtomicLong();
    private final LongAdder connectionsTotal = new LongAdder();
    private final LongAdder pushes = new LongAdder();
    private final LongAdder rejectedPushes = new LongAdder();
    private final LongAdder eventsAccepted = new LongAdder();
    private final LongAdder eventsPulled = new LongAdder();
    private final LongAdder badFrames = new LongAdder();
    private final LongAdder deniedRequests = new LongAdder();

    void connected() {
        connections.incrementAndGet();
        connectionsTotal.increment();
    }

    void disconnected() {
        connections.decrementAndGet();
    }

    void accepted(int events) {
        pushes.increment();
        eventsAccepted.add(events);
    }

    void rejected() {
        rejectedPushes.increment();
    }

    void pulled(int events) {
        eventsPulled.add(events);
    }

    void badFrame() {
        badFrames.increment();
    }

    void denied() {
        deniedRequests.increment();
    }

    public long openConnections() {
        return connections.get();
    }

    public long connectionsTotal() {
        return connectionsTotal.sum();
    }

    public long acceptedPushes() {
        return pushes.sum();
    }

    public long rejectedPushes() {
        return rejectedPushes.sum();
    }

    public long eventsAccepted() {
        return eventsAccepted.sum();
    }

    public long eventsPulled() {
        return eventsPulled.sum();
    }

    public long badFrames() {
        return badFrames.sum();
    }

    public long deniedRequests() {
        return deniedRequests.sum();
    }
}
