package dev.livestorejvm.store.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One client's connection to an {@link InProcessSyncServer}, with fault switches for tests: fail
 * the next pushes or pulls, drop the connection, make the server unreachable, delay every answer,
 * deliver the next page twice. Answers (pages, push outcomes, pings) reach the client in the order
 * the server produced them, after the configured delay, on the server's delivery thread.
 */
public final class InProcessSyncBackend implements SyncBackend {
    private final InProcessSyncServer server;
    private final String storeId;
    private final String clientId;
    private final List<Consumer<Boolean>> connectionListeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private boolean connected;
    private boolean reachable = true;
    private long epoch; // bumped by every drop: answers of an older connection are never delivered
    private final Set<Pull> pulls = new LinkedHashSet<>();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private long lastDueNanos;
    private long delayNanos;
    private int failPushes;
    private Supplier<SyncBackendException> pushFailure;
    private int failPulls;
    private Supplier<SyncBackendException> pullFailure;
    private boolean duplicateNextPage;

    /** One pull of this connection. */
    final class Pull implements PullSubscription {
        final PullListener listener;
        final boolean live;
        long highWaterMark; // the last event sent to it; written under the server's lock
        private volatile boolean open = true;

        Pull(PullListener listener, boolean live) {
            this.listener = listener;
            this.live = live;
        }

        boolean live() {
            return live;
        }

        InProcessSyncBackend connection() {
            return InProcessSyncBackend.this;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            if (!open) return;
            open = false;
            server.unsubscribe(InProcessSyncBackend.this, this);
            synchronized (InProcessSyncBackend.this) {
                pulls.remove(this);
            }
        }
    }

    private record Delivery(long dueNanos, long epoch, Runnable task, Runnable ifDropped) {}

    InProcessSyncBackend(InProcessSyncServer server, String storeId, String clientId) {
        this.server = server;
        this.storeId = storeId;
        this.clientId = clientId;
    }

    String storeId() {
        return storeId;
    }

    // ---- SyncBackend ----

    @Override
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        boolean changed;
        synchronized (this) {
            if (!reachable || server.isClosed()) {
                answer(f, new SyncBackendException.Offline("in-process server unreachable", null));
                return f;
            }
            changed = !connected;
            connected = true;
            answer(f, null);
        }
        if (changed) notifyConnection(true);
        return f;
    }

    @Override
    public PullSubscription pull(Optional<PullCursor> cursor, boolean live, PullListener listener) {
        Objects.requireNonNull(cursor, "cursor");
        Pull pull = new Pull(Objects.requireNonNull(listener, "listener"), live);
        synchronized (this) {
            if (!connected) {
                fail(pull, new SyncBackendException.Offline("not connected", null));
                return pull;
            }
            if (failPulls > 0) {
                failPulls--;
                fail(pull, pullFailure.get());
                return pull;
            }
            pulls.add(pull);
        }
        server.pull(this, pull, cursor);
        return pull;
    }

    @Override
    public CompletableFuture<Void> push(List<GlobalEvent> batch, Optional<String> backendId) {
        List<GlobalEvent> events = List.copyOf(batch);
        Objects.requireNonNull(backendId, "backendId");
        CompletableFuture<Void> ack = new CompletableFuture<>();
        synchronized (this) {
            if (!connected) {
                answer(ack, new SyncBackendException.Offline("not connected", null));
                return ack;
            }
            if (failPushes > 0) {
                failPushes--;
                answer(ack, pushFailure.get());
                return ack;
            }
        }
        server.push(this, events, backendId, ack);
        return ack;
    }

    @Override
    public CompletableFuture<Void> ping() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            answer(f, connected ? null : new SyncBackendException.Offline("not connected", null));
        }
        return f;
    }

    @Override
    public synchronized boolean isConnected() {
        return connected;
    }

    @Override
    public Runnable onConnectionChange(Consumer<Boolean> listener) {
        connectionListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> connectionListeners.remove(listener);
    }

    @Override
    public Map<String, Object> metadata() {
        return Map.of("name", "in-process", "description", "in-memory backend following sync-cf's server rules",
            "storeId", storeId, "clientId", clientId);
    }

    @Override
    public Supports supports() {
        return new Supports(true, true);
    }

    @Override
    public void close() {
        disconnect("backend closed");
    }

    // ---- fault switches ----

    /** The next {@code n} pushes fail with {@code Unknown} without reaching the server. */
    public void failNextPushes(int n) {
        failNextPushes(n, () -> new SyncBackendException.Unknown("injected push failure", null));
    }

    public synchronized void failNextPushes(int n, Supplier<SyncBackendException> failure) {
        failPushes = n;
        pushFailure = Objects.requireNonNull(failure, "failure");
    }

    /** The next {@code n} pulls end with {@code Unknown} at once. */
    public void failNextPulls(int n) {
        failNextPulls(n, () -> new SyncBackendException.Unknown("injected pull failure", null));
    }

    public synchronized void failNextPulls(int n, Supplier<SyncBackendException> failure) {
        failPulls = n;
        pullFailure = Objects.requireNonNull(failure, "failure");
    }

    /**
     * The connection drops (a socket closed under the client): pulls end with {@code Offline},
     * undelivered answers are lost (a push may have been stored without its answer arriving: its
     * future fails {@code Offline}), operations fail {@code Offline} until {@link #connect}.
     */
    public void dropConnection() {
        disconnect("connection dropped");
    }

    /** While unreachable, {@link #connect} fails with {@code Offline}; making it unreachable drops the connection. */
    public void setReachable(boolean reachable) {
        synchronized (this) {
            this.reachable = reachable;
        }
        if (!reachable) disconnect("server unreachable");
    }

    /** Every later answer (page, push outcome, ping) arrives {@code delay} after it was produced, order kept. */
    public synchronized void setDelay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /** The next page sent to this connection's pulls is delivered twice (a duplicated chunk). */
    public synchronized void duplicateNextPage() {
        duplicateNextPage = true;
    }

    // ---- delivery, in production order, on the server's thread ----

    synchronized void deliver(Pull pull, PullPage page) {
        Runnable task = () -> {
            if (!pull.isOpen()) return;
            try {
                pull.listener.onPage(page);
            } catch (RuntimeException e) {
                pull.close(); // a broken listener gets nothing more
                System.getLogger(InProcessSyncBackend.class.getName()).log(System.Logger.Level.WARNING,
                    "pull listener of " + clientId + " failed; pull closed", e);
            }
        };
        enqueue(task, () -> {});
        if (duplicateNextPage && !page.events().isEmpty()) {
            duplicateNextPage = false;
            enqueue(task, () -> {});
        }
    }

    synchronized void end(Pull pull) {
        pulls.remove(pull);
        enqueue(() -> {
            if (pull.open) {
                pull.open = false;
                pull.listener.onEnd();
            }
        }, () -> {});
    }

    /** Ends {@code pull} with {@code error}, after what was already queued for it. */
    synchronized void fail(Pull pull, SyncBackendException error) {
        pulls.remove(pull);
        Runnable failIt = () -> {
            if (pull.open) {
                pull.open = false;
                pull.listener.onError(error);
            }
        };
        enqueue(failIt, failIt);
    }

    /** Completes {@code f} (exceptionally if {@code error} is set); a dropped connection loses the answer. */
    synchronized void answer(CompletableFuture<Void> f, SyncBackendException error) {
        enqueue(() -> {
            if (error == null) f.complete(null);
            else f.completeExceptionally(error);
        }, () -> f.completeExceptionally(new SyncBackendException.Offline("connection dropped before the answer", null)));
    }

    private void enqueue(Runnable task, Runnable ifDropped) {
        long due = Math.max(lastDueNanos, System.nanoTime() + delayNanos);
        lastDueNanos = due;
        queue.add(new Delivery(due, epoch, task, ifDropped));
        if (queue.size() == 1) scheduleDrain(due);
    }

    private void scheduleDrain(long due) {
        try {
            server.executor.schedule(this::drain, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // The server is closed: what was queued is lost as with a dropped connection (futures fail Offline).
            List<Delivery> lost = new ArrayList<>(queue);
            queue.clear();
            CompletableFuture.runAsync(() -> lost.forEach(d -> d.ifDropped().run()));
        }
    }

    private void drain() {
        while (true) {
            Delivery d;
            boolean dropped;
            synchronized (this) {
                d = queue.peek();
                if (d == null) return;
                if (d.dueNanos() > System.nanoTime()) {
                    scheduleDrain(d.dueNanos());
                    return;
                }
                queue.poll();
                dropped = d.epoch() != epoch;
            }
            (dropped ? d.ifDropped() : d.task()).run();
        }
    }

    private void disconnect(String why) {
        List<Pull> ended;
        boolean changed;
        synchronized (this) {
            changed = connected;
            connected = false;
            epoch++;
            ended = new ArrayList<>(pulls);
            pulls.clear();
        }
        for (Pull p : ended) {
            server.unsubscribe(this, p);
            synchronized (this) {
                // a fresh delivery of the new epoch: reaches the listener after the dropped answers are discarded
                Runnable failIt = () -> {
                    if (p.open) {
                        p.open = false;
                        p.listener.onError(new SyncBackendException.Offline(why, null));
                    }
                };
                enqueue(failIt, failIt);
            }
        }
        if (changed) notifyConnection(false);
    }

    private void notifyConnection(boolean state) {
        for (Consumer<Boolean> l : connectionListeners) {
            synchronized (this) {
                enqueue(() -> l.accept(state), () -> l.accept(state));
            }
        }
    }
}
