package dev.livestorejvm.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The HTTP transport's peer: collects the response frames of one request until its {@code Exit}. */
final class HttpPeer implements Peer {
    private final String remote;
    private final List<String> frames = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private String closedReason;

    HttpPeer(String remote) {
        this.remote = remote;
    }

    @Override
    public synchronized void send(String frame) {
        frames.add(frame);
        if (frame.startsWith("{\"_tag\":\"Exit\"") || frame.startsWith("{\"_tag\":\"Defect\"")) done.countDown();
    }

    @Override
    public synchronized void close(int code, String reason) {
        closedReason = reason;
        done.countDown();
    }

    /** The collected frames as one JSON array, once the request has ended (or the timeout passed). */
    String awaitArray(long timeoutMillis) throws InterruptedException {
        boolean ended = done.await(timeoutMillis, TimeUnit.MILLISECONDS);
        synchronized (this) {
            if (!ended) return null;
            return "[" + String.join(",", frames) + "]";
        }
    }

    synchronized String closedReason() {
        return closedReason;
    }

    @Override
    public String describe() {
        return "http " + remote;
    }
}
