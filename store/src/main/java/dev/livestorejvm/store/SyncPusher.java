package dev.livestorejvm.store;

import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.SyncEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pushes the leader's pending synced events to the backend, in order, on a thread of its own (the
 * writer never waits for the network): batches of at most {@value #MAX_EVENTS} events and
 * {@value #MAX_BYTES} bytes, as sync-cf's client splits them. Transient failures are retried with
 * backoff (1 s doubling to 30 s, jittered). A {@code ServerAheadError} stops pushing until the
 * processor has pulled what the backend has and {@link #restart restarts} it from the new pending
 * events; a {@code BackendIdMismatchError} stops it for good. Each restart starts a generation: an
 * answer to a push of an older generation is ignored.
 */
final class SyncPusher {
    private static final System.Logger LOG = System.getLogger(SyncPusher.class.getName());
    static final int MAX_EVENTS = 100;
    static final int MAX_BYTES = 900_000;
    private static final long PUSH_TIMEOUT_SECONDS = 30;
    private static final long BACKOFF_START_MS = 1_000;
    private static final long BACKOFF_MAX_MS = 30_000;

    /** What the processor hears from the pusher, on the pusher's thread. */
    interface Listener {
        /** The backend refused a push because it has events this client has not pulled. */
        void serverAhead(BackendLink.Failure failure);

        /** The backend is another one than the client synced with. */
        void backendIdMismatch(BackendLink.Failure failure);

        /** A push failed and will be retried (offline, unknown error). */
        void retrying(BackendLink.Failure failure, long delayMillis);

        /** A push was accepted (its confirmation comes through the pull). */
        void pushed(List<GlobalEvent> batch);
    }

    private final BackendLink link;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<GlobalEvent> queue = new ArrayDeque<>();
    private final Thread thread;
    private long generation;
    private boolean stopped;
    private boolean halted;
    private boolean paused;
    private String backendId;

    SyncPusher(BackendLink link, Listener listener, String threadName) {
        this.link = link;
        this.listener = listener;
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Appends newly persisted synced events (client-only ones are never pushed). */
    void offer(List<SyncEvent> events) {
        lock.lock();
        try {
            for (SyncEvent e : events) if (!e.isClientNumbered()) queue.add(e.toGlobal());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Starts over from {@code pending} (after a pulled burst rebased or answered a ServerAheadError). */
    void restart(List<SyncEvent> pending, String backendId) {
        lock.lock();
        try {
            generation++;
            halted = false;
            this.backendId = backendId;
            queue.clear();
            for (SyncEvent e : pending) if (!e.isClientNumbered()) queue.add(e.toGlobal());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Pushing on purpose off (pause) or on again; pending events wait meanwhile. */
    void paused(boolean paused) {
        lock.lock();
        try {
            this.paused = paused;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void backendId(String id) {
        lock.lock();
        try {
            this.backendId = id;
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Attempt(long generation, List<GlobalEvent> batch, String backendId) {}

    private Attempt next() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped && (queue.isEmpty() || halted || paused)) changed.await();
            if (stopped) return null;
            List<GlobalEvent> batch = new ArrayList<>();
            int bytes = 0;
            for (GlobalEvent e : queue) {
                int size = e.argsJson().length() + e.name().length() + e.clientId().length() + e.sessionId().length() + 80;
                if (!batch.isEmpty() && (batch.size() == MAX_EVENTS || bytes + size > MAX_BYTES)) break;
                batch.add(e);
                bytes += size;
            }
            return new Attempt(generation, batch, backendId);
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        long backoff = BACKOFF_START_MS;
        while (true) {
            Attempt a;
            try {
                a = next();
            } catch (InterruptedException e) {
                if (isStopped()) return;
                continue;
            }
            if (a == null) return;
            BackendLink.Failure failure = push(a);
            lock.lock();
            boolean current;
            try {
                current = a.generation == generation;
                if (current && failure == null) {
                    for (int i = 0; i < a.batch.size() && !queue.isEmpty(); i++) queue.poll();
                }
                if (current && failure != null && failure.kind() != BackendLink.Failure.Kind.OFFLINE
                    && failure.kind() != BackendLink.Failure.Kind.UNKNOWN) {
                    halted = true;   // until restart: the processor decides
                    queue.clear();
                }
            } finally {
                lock.unlock();
            }
            if (!current) continue;
            if (failure == null) {
                backoff = BACKOFF_START_MS;
                listener.pushed(a.batch);
                continue;
            }
            switch (failure.kind()) {
                case SERVER_AHEAD -> listener.serverAhead(failure);
                case BACKEND_ID_MISMATCH -> listener.backendIdMismatch(failure);
                default -> {
                    long delay = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                    listener.retrying(failure, delay);
                    if (!sleep(delay)) return;
                    backoff = Math.min(BACKOFF_MAX_MS, backoff * 2);
                }
            }
        }
    }

    private BackendLink.Failure push(Attempt a) {
        try {
            link.push(a.batch, a.backendId).get(PUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BackendLink.FailureException f) return f.failure;
            return BackendLink.Failure.of(BackendLink.Failure.Kind.UNKNOWN, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            return BackendLink.Failure.of(BackendLink.Failure.Kind.OFFLINE, "no answer to a push in " + PUSH_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            return BackendLink.Failure.of(BackendLink.Failure.Kind.OFFLINE, "interrupted");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "push failed", e);
            return BackendLink.Failure.of(BackendLink.Failure.Kind.UNKNOWN, e.toString());
        }
    }

    private boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps, waking early on stop; false if stopped. */
    private boolean sleep(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (!stopped) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return true;
                changed.awaitNanos(left);
            }
            return false;
        } catch (InterruptedException e) {
            return !stopped;
        } finally {
            lock.unlock();
        }
    }
}
