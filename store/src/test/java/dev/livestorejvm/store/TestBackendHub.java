package dev.livestorejvm.store;

import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.PulledEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend in this JVM for the leader's sync tests, with the sync-cf server's rules: a push is
 * accepted iff it chains onto the head; accepted events go to every live pull (the pusher's too),
 * in order, each pull from its own high-water mark so that nothing arrives twice; pages of at most
 * 100 events, the last of a burst {@code noMore}. Faults: failing pushes, dropping every pull.
 */
final class TestBackendHub {
    final List<GlobalEvent> events = new ArrayList<>();
    final List<String> createdAt = new ArrayList<>();
    String backendId = "hub-1";
    final AtomicInteger failNextPushes = new AtomicInteger();
    private final List<LivePull> pulls = new ArrayList<>();
    volatile boolean online = true;

    synchronized long head() {
        return events.size();
    }

    /** A connection of one client. */
    BackendLink link() {
        return new BackendLink() {
            final List<LivePull> mine = new ArrayList<>();

            @Override
            public Pull pull(long cursor, String id, PullListener listener) {
                LivePull p = new LivePull(listener);
                synchronized (TestBackendHub.this) {
                    if (id != null && !id.equals(backendId)) {
                        p.fail(new Failure(Failure.Kind.BACKEND_ID_MISMATCH, "expected " + backendId + ", got " + id, -1, -1, backendId));
                        return p::cancel;
                    }
                    p.sent = cursor;
                    pulls.add(p);
                    mine.add(p);
                    p.catchUp(true);
                }
                return p::cancel;
            }

            @Override
            public CompletableFuture<Void> push(List<GlobalEvent> batch, String id) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                synchronized (TestBackendHub.this) {
                    if (!online || failNextPushes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        done.completeExceptionally(new FailureException(Failure.of(Failure.Kind.OFFLINE, "push failed on purpose")));
                        return done;
                    }
                    if (id != null && !id.equals(backendId)) {
                        done.completeExceptionally(new FailureException(new Failure(Failure.Kind.BACKEND_ID_MISMATCH, "wrong backend", -1, -1,
                            backendId)));
                        return done;
                    }
                    long parent = head();
                    for (GlobalEvent e : batch) {
                        if (e.parentSeqNum() != parent || e.seqNum() != parent + 1) {
                            done.completeExceptionally(new FailureException(new Failure(Failure.Kind.SERVER_AHEAD, "head is " + head(),
                                head(), batch.get(0).parentSeqNum(), null)));
                            return done;
                        }
                        parent++;
                    }
                    String now = java.time.Instant.now().toString();
                    for (GlobalEvent e : batch) {
                        events.add(e);
                        createdAt.add(now);
                    }
                    for (LivePull p : pulls) p.catchUp(false);
                }
                done.complete(null);
                return done;
            }

            @Override
            public boolean connected() {
                return online;
            }

            @Override
            public void close() {
                synchronized (TestBackendHub.this) {
                    for (LivePull p : mine) p.cancel();
                }
            }
        };
    }

    /** Ends every live pull with an offline failure (a dropped socket). */
    synchronized void dropPulls() {
        for (LivePull p : new ArrayList<>(pulls)) p.fail(BackendLink.Failure.of(BackendLink.Failure.Kind.OFFLINE, "dropped on purpose"));
    }

    /** A new backend identity with an empty log (a reset server). */
    synchronized void reset() {
        events.clear();
        createdAt.clear();
        backendId = "hub-" + System.nanoTime();
        dropPulls();
    }

    private final class LivePull {
        final BackendLink.PullListener listener;
        final ExecutorService out = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-backend-pull");
            t.setDaemon(true);
            return t;
        });
        long sent;
        volatile boolean cancelled;

        LivePull(BackendLink.PullListener listener) {
            this.listener = listener;
        }

        /** Under the hub's lock: sends what is above this pull's high-water mark; {@code always}: at least one page. */
        void catchUp(boolean always) {
            if (cancelled) return;
            long head = events.size();
            if (sent >= head && !always) return;
            String id = backendId;
            do {
                int from = (int) sent;
                int to = (int) Math.min(head, sent + 100);
                List<PulledEvent> page = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    page.add(new PulledEvent(events.get(i), Optional.of("{\"_tag\":\"SyncMessage.SyncMetadata\",\"createdAt\":\""
                        + createdAt.get(i) + "\"}")));
                }
                sent = to;
                boolean noMore = to == head;
                out.execute(() -> {
                    if (!cancelled) listener.page(new BackendLink.Page(page, noMore, id));
                });
            } while (sent < head);
        }

        void fail(BackendLink.Failure f) {
            synchronized (TestBackendHub.this) {
                cancelled = true;
                pulls.remove(this);
            }
            out.execute(() -> listener.failed(f));
            out.shutdown();
        }

        void cancel() {
            synchronized (TestBackendHub.this) {
                cancelled = true;
                pulls.remove(this);
            }
            out.shutdown();
        }
    }
}
