package dev.livestorejvm.store.sync;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A sync backend in this JVM that keeps each store's events in memory and follows the rules of
 * LiveStore's sync-cf server (livestore-sync-0.4.0.md §1.8), stricter than LiveStore's mock: a push
 * is accepted iff its first event's parent is the head and the batch is contiguous; every accepted
 * batch is sent to every live pull of the store, the pusher's included, in order and never twice
 * (a pull registers and snapshots the head atomically, then gets history up to the snapshot and
 * live events after it); pages hold at most 100 events / 900 kB; each store has a backend id,
 * checked on push and on a pull cursor, and a {@link #reset} gives it a new one.
 *
 * <p>For tests and for a local loop between stores of one JVM. Each client gets its own
 * {@link InProcessSyncBackend} ({@link #backend}), with fault switches. All answers are delivered
 * by one daemon thread per server.
 */
public final class InProcessSyncServer implements AutoCloseable {
    static final int MAX_PAGE_EVENTS = 100;
    static final int MAX_PAGE_BYTES = 900_000;
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    final ScheduledExecutorService executor;
    private final Clock clock;
    private final Map<String, StoreLog> stores = new HashMap<>();
    private volatile boolean closed;

    /** One store's events, head, backend id and live pulls. */
    private static final class StoreLog {
        final List<PulledEvent> events = new ArrayList<>();
        final Set<InProcessSyncBackend.Pull> live = new LinkedHashSet<>();
        String backendId = newBackendId();

        long head() {
            return events.size();
        }
    }

    public InProcessSyncServer() {
        this(Clock.systemUTC());
    }

    /** A server stamping {@code createdAt} with {@code clock}. */
    public InProcessSyncServer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "in-process-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** A new, not yet connected backend for one client of store {@code storeId}. */
    public InProcessSyncBackend backend(String storeId, String clientId) {
        return new InProcessSyncBackend(this, Objects.requireNonNull(storeId, "storeId"), Objects.requireNonNull(clientId, "clientId"));
    }

    /** The global sequence number of the store's last event, 0 if none. */
    public synchronized long head(String storeId) {
        return store(storeId).head();
    }

    public synchronized String backendId(String storeId) {
        return store(storeId).backendId;
    }

    /** The store's events in order, with their metadata. */
    public synchronized List<PulledEvent> events(String storeId) {
        return List.copyOf(store(storeId).events);
    }

    /**
     * Deletes the store's events and gives it a new backend id (sync-cf's reset). Its live pulls end
     * with {@code BackendIdMismatch}; clients' next pushes and cursors get the same error.
     */
    public String reset(String storeId) {
        synchronized (this) {
            StoreLog s = store(storeId);
            String old = s.backendId;
            s.events.clear();
            s.backendId = newBackendId();
            for (InProcessSyncBackend.Pull p : List.copyOf(s.live)) {
                p.connection().fail(p, new SyncBackendException.BackendIdMismatch(s.backendId, old));
            }
            s.live.clear();
            return s.backendId;
        }
    }

    /** Stops the delivery thread: nothing is delivered afterwards; answers still queued fail {@code Offline}. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    boolean isClosed() {
        return closed;
    }

    // ---- called by InProcessSyncBackend, under this server's lock so that order is global ----

    synchronized void pull(InProcessSyncBackend conn, InProcessSyncBackend.Pull pull, Optional<PullCursor> cursor) {
        StoreLog s = store(conn.storeId());
        Optional<String> cursorId = cursor.flatMap(PullCursor::backendId);
        if (cursorId.isPresent() && !cursorId.get().equals(s.backendId)) {
            conn.fail(pull, new SyncBackendException.BackendIdMismatch(s.backendId, cursorId.get()));
            return;
        }
        long from = cursor.map(PullCursor::eventSequenceNumber).orElse(0L);
        List<PulledEvent> history = from >= s.head() ? List.of() : List.copyOf(s.events.subList((int) from, (int) s.head()));
        List<List<PulledEvent>> pages = pages(history);
        long remaining = history.size();
        for (int k = 0; k < pages.size(); k++) {
            remaining -= pages.get(k).size();
            PullPage.PageInfo info = k < pages.size() - 1 ? new PullPage.PageInfo.MoreKnown(remaining) : PullPage.PageInfo.NO_MORE;
            conn.deliver(pull, new PullPage(pages.get(k), info, s.backendId));
        }
        if (pull.live() && pull.isOpen()) { // closed meanwhile (e.g. the connection dropped): not registered
            pull.highWaterMark = Math.max(from, s.head());
            s.live.add(pull);
        } else {
            conn.end(pull);
        }
    }

    synchronized void unsubscribe(InProcessSyncBackend conn, InProcessSyncBackend.Pull pull) {
        StoreLog s = stores.get(conn.storeId());
        if (s != null) s.live.remove(pull);
    }

    /** Validates, appends and broadcasts; completes {@code ack} through the pusher's delivery queue. */
    synchronized void push(InProcessSyncBackend conn, List<GlobalEvent> batch, Optional<String> backendId, CompletableFuture<Void> ack) {
        StoreLog s = store(conn.storeId());
        SyncBackendException refused = validate(s, batch, backendId);
        if (refused != null) {
            conn.answer(ack, refused);
            return;
        }
        String meta = PulledEvent.syncCfMetadata(ISO_MILLIS.format(clock.instant()));
        List<PulledEvent> added = new ArrayList<>(batch.size());
        for (GlobalEvent e : batch) added.add(new PulledEvent(e, Optional.of(meta)));
        s.events.addAll(added);
        for (InProcessSyncBackend.Pull p : s.live) {
            List<PulledEvent> fresh = s.events.subList((int) Math.min(p.highWaterMark, s.head()), (int) s.head());
            for (List<PulledEvent> page : pages(List.copyOf(fresh))) {
                if (!page.isEmpty()) p.connection().deliver(p, new PullPage(page, PullPage.PageInfo.NO_MORE, s.backendId));
            }
            p.highWaterMark = s.head();
        }
        conn.answer(ack, null);
    }

    private static SyncBackendException validate(StoreLog s, List<GlobalEvent> batch, Optional<String> backendId) {
        if (backendId.isPresent() && !backendId.get().equals(s.backendId)) {
            return new SyncBackendException.BackendIdMismatch(s.backendId, backendId.get());
        }
        if (batch.isEmpty()) return null;
        if (batch.size() > SyncBackend.MAX_PUSH_EVENTS) {
            return new SyncBackendException.Unknown("push of " + batch.size() + " events, at most " + SyncBackend.MAX_PUSH_EVENTS, null);
        }
        if (batch.get(0).parentSeqNum() != s.head()) {
            return new SyncBackendException.ServerAhead(s.head(), batch.get(0).parentSeqNum());
        }
        long expected = s.head() + 1;
        for (GlobalEvent e : batch) {
            if (e.seqNum() != expected || e.parentSeqNum() != expected - 1) {
                return new SyncBackendException.Unknown("push batch not contiguous from e" + s.head() + ": " + e, null);
            }
            expected++;
        }
        return null;
    }

    /** Pages of at most 100 events and 900 kB (estimated as the events' JSON size); one empty page for no events. */
    static List<List<PulledEvent>> pages(List<PulledEvent> events) {
        List<List<PulledEvent>> pages = new ArrayList<>();
        List<PulledEvent> page = new ArrayList<>();
        long bytes = 0;
        for (PulledEvent e : events) {
            long size = estimatedBytes(e);
            if (!page.isEmpty() && (page.size() == MAX_PAGE_EVENTS || bytes + size > MAX_PAGE_BYTES)) {
                pages.add(page);
                page = new ArrayList<>();
                bytes = 0;
            }
            page.add(e);
            bytes += size;
        }
        if (!page.isEmpty() || pages.isEmpty()) pages.add(page);
        return pages;
    }

    static long estimatedBytes(PulledEvent e) {
        GlobalEvent g = e.event();
        return 120L + g.name().length() + g.argsJson().length() + g.clientId().length() + g.sessionId().length()
            + e.metadataJson().map(String::length).orElse(0);
    }

    private StoreLog store(String storeId) {
        return stores.computeIfAbsent(storeId, id -> new StoreLog());
    }

    /** 21 URL-safe random characters, like sync-cf's nanoid. */
    private static String newBackendId() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";
        StringBuilder b = new StringBuilder(21);
        for (int i = 0; i < 21; i++) b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return b.toString();
    }
}
