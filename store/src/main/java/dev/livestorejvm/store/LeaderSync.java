package dev.livestorejvm.store;

import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.MergeOptions;
import dev.livestorejvm.store.sync.MergeResult;
import dev.livestorejvm.store.sync.PulledEvent;
import dev.livestorejvm.store.sync.SyncEvent;
import dev.livestorejvm.store.sync.SyncMerge;
import dev.livestorejvm.store.sync.SyncPayload;
import dev.livestorejvm.store.sync.SyncState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The leader's sync processor: keeps the {@link SyncState}, merges what the writer persisted
 * (local pushes) and what the backend sends (pulled pages) with {@link SyncMerge}, applies the
 * outcome to the files in one transaction ({@link LeaderDatabase#applyUpstream}) and passes it on to
 * the sessions, and feeds the {@link SyncPusher}. Its state is touched on the writer thread only:
 * pages arrive as writer jobs, which run before the next batch of commits.
 *
 * <p>Better than LiveStore 0.4.0 in three ways: a rebase is one transaction with the head update
 * (livestore#409); after a {@code ServerAheadError} it actively pulls again from the persisted
 * cursor instead of waiting for the backend (livestore#1394, #1462); a page that breaks the protocol
 * (duplicated, out of order, a gap) is dropped with the connection's pull and pulled again from the
 * persisted cursor instead of stopping sync silently.
 *
 * <p>(Over 300 lines on purpose: its state lives on the writer thread only, and keeping every path
 * that touches it in one class keeps that rule checkable; merging is {@link SyncMerge}'s, writing
 * {@link UpstreamWrite}'s, pushing {@link SyncPusher}'s.)
 */
final class LeaderSync implements LeaderWriter.PersistListener, SyncPusher.Listener {
    private static final System.Logger LOG = System.getLogger(LeaderSync.class.getName());
    private static final long REPULL_START_MS = 1_000;
    private static final long REPULL_MAX_MS = 30_000;
    /** Pages of one burst applied together at most: one merge and one transaction for many pages (a catch-up, a rebase). */
    private static final int MAX_BURST_EVENTS = 5_000;
    /**
     * A pulled burst of at least this many materialized events reaches the sessions as an image of
     * the state (as after a rebase) when the image is small beside the burst (see
     * {@link #RELOAD_EVENTS_PER_PAGE}): copying it then costs less than each replica materializing
     * every event again, which in a fresh JVM's catch-up took a third of the leader thread's time
     * after the leader's own apply. Either way the replicas end in the leader's state, rowids included.
     */
    static final int RELOAD_MIN_EVENTS = 100;
    /**
     * Events per page of state (8 KiB) a burst needs for the image: at most 2 KiB of image per event,
     * so a catch-up's image stays small (10 MB at most for a burst of {@link #MAX_BURST_EVENTS}) and a
     * large store taking a few hundred events applies them event by event.
     */
    static final int RELOAD_EVENTS_PER_PAGE = 4;

    /** Runs an action on the writer thread holding the leader's commit lock, with every accepted commit persisted first. */
    interface Exclusive {
        void run(Runnable action);
    }

    private final Schema schema;
    private final LeaderDatabase database;
    private final CommitQueue queue;
    private final Sessions sessions;
    private final Exclusive exclusive;
    private final BackendLink link;
    private final SyncOptions.OnBackendIdMismatch onMismatch;
    private final SyncPusher pusher;
    private final MergeOptions mergeOptions;
    private final SyncStatusBoard board;
    private final String where;
    private final ScheduledExecutorService timer;

    // ---- writer thread only ----
    private SyncState state;
    private String backendId;
    private long pullGeneration;
    private BackendLink.Pull pull;
    private boolean repushAfterPull;
    private boolean stopped;
    private boolean paused;
    private long repullDelay = REPULL_START_MS;
    /** The pages of the current burst not yet applied (until {@code NoMore} or {@link #MAX_BURST_EVENTS}). */
    private final List<PulledEvent> burst = new ArrayList<>();

    // ---- backend threads and writer thread, under pagesLock ----
    private final Object pagesLock = new Object();
    /** Pages pulled and not yet taken by the writer, with their pull's generation. */
    private final List<QueuedPage> pages = new ArrayList<>();
    private boolean drainQueued;

    private record QueuedPage(long generation, BackendLink.Page page) {}

    LeaderSync(Schema schema, LeaderDatabase database, CommitQueue queue, Sessions sessions, Exclusive exclusive, BackendLink link,
               SyncOptions.OnBackendIdMismatch onMismatch, String where) {
        this.schema = schema;
        this.database = database;
        this.queue = queue;
        this.sessions = sessions;
        this.exclusive = exclusive;
        this.link = link;
        this.onMismatch = onMismatch;
        this.where = where;
        this.mergeOptions = MergeOptions.leader(e -> {
            EventDef<?> def = schema.event(e.name());
            return def != null ? def.isClientOnly() : e.isClientNumbered();
        });
        LeaderDatabase.SyncStatusRow row = database.syncStatus();
        List<SyncEvent> pending = new ArrayList<>(row.pending().size());
        for (StoredEvent e : row.pending()) pending.add(SyncEvent.fromStored(e));
        this.state = SyncState.boot(row.backendHead(), pending);
        this.backendId = row.backendId();
        this.board = new SyncStatusBoard(new SyncStatus(true, link.connected(), false, state.localHead(), row.backendHead(),
            pushable(pending), backendId, null));
        this.pusher = new SyncPusher(link, this, "livestore-sync-push-" + where);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "livestore-sync-timer-" + where);
            t.setDaemon(true);
            return t;
        });
    }

    SyncStatusBoard board() {
        return board;
    }

    /** Starts pushing what is pending and pulling from the persisted cursor; never waits for the network. */
    void start() {
        link.onConnectionChange(up -> board.update(s -> new SyncStatus(s.enabled(), up, s.paused(), s.localHead(), s.backendHead(),
            s.pendingCount(), s.backendId(), s.lastError())));
        pusher.restart(state.pending(), backendId);
        pusher.start();
        queue.submit(this::restartPull);
    }

    // ---- local pushes: what the writer persisted ----

    @Override
    public void persisted(List<PendingCommit> batch) {
        List<SyncEvent> events = new ArrayList<>();
        for (PendingCommit pc : batch) for (PendingCommit.Item item : pc.items()) events.add(SyncEvent.fromStored(item.event()));
        MergeResult r = SyncMerge.merge(state, new SyncPayload.LocalPush(events), mergeOptions);
        if (r instanceof MergeResult.Advance a) {
            state = a.newState();
            pusher.offer(events);
        } else {
            // the leader numbers local events after its own head: a reject here is a bug, not bad input
            LOG.log(System.Logger.Level.ERROR, "sync of " + where + ": a local push did not merge: " + r + "; state " + state);
        }
        publish();
    }

    // ---- pulls ----

    /** Ends the current pull (if any) and starts a live pull from the persisted cursor. Writer thread. */
    private void restartPull() {
        if (stopped || paused) return;
        if (pull != null) pull.cancel();
        burst.clear();
        long generation = ++pullGeneration;
        long cursor = state.upstreamHead().global();
        pull = link.pull(cursor, backendId, new BackendLink.PullListener() {
            @Override
            public void page(BackendLink.Page page) {
                boolean submit;
                synchronized (pagesLock) {
                    pages.add(new QueuedPage(generation, page));
                    submit = !drainQueued;
                    drainQueued = true;
                }
                if (submit) queue.submit(LeaderSync.this::drainPages);
            }

            @Override
            public void failed(BackendLink.Failure failure) {
                queue.submit(() -> pullFailed(generation, failure));
            }
        });
    }

    private void pullFailed(long generation, BackendLink.Failure failure) {
        if (generation != pullGeneration || stopped) return;
        if (failure.kind() == BackendLink.Failure.Kind.BACKEND_ID_MISMATCH) {
            mismatch(failure);
            return;
        }
        publishError("pull failed: " + failure);
        scheduleRepull();
    }

    private void scheduleRepull() {
        long delay = repullDelay;
        repullDelay = Math.min(REPULL_MAX_MS, repullDelay * 2);
        long generation = pullGeneration;
        try {
            timer.schedule(() -> queue.submit(() -> {
                if (generation == pullGeneration) restartPull();
            }), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the store is closing: no more pulls
        }
    }

    /**
     * Applies the pages pulled so far. Writer thread. Pages that arrived together are one burst even
     * across {@code NoMore} (a live pull's echoes of consecutive pushes each end with it): one merge and
     * one transaction, over both files, instead of one per page.
     */
    private void drainPages() {
        List<QueuedPage> taken;
        synchronized (pagesLock) {
            taken = new ArrayList<>(pages);
            pages.clear();
            drainQueued = false;
        }
        for (int i = 0; i < taken.size(); i++) {
            QueuedPage q = taken.get(i);
            boolean more = i + 1 < taken.size() && taken.get(i + 1).generation() == q.generation();
            applyPage(q.generation(), q.page(), more);
        }
    }

    /** Merges one pulled page (with the rest of its burst) and applies the outcome; {@code more}: another page follows at once. */
    private void applyPage(long generation, BackendLink.Page page, boolean more) {
        if (generation != pullGeneration || stopped) return;   // a page of a pull that was replaced
        if (page.backendId() != null && backendId != null && !page.backendId().equals(backendId)) {
            mismatch(new BackendLink.Failure(BackendLink.Failure.Kind.BACKEND_ID_MISMATCH, "the backend's identity changed from "
                + backendId + " to " + page.backendId(), -1, -1, page.backendId()));
            return;
        }
        burst.addAll(page.events());
        if ((!page.noMore() || more) && burst.size() < MAX_BURST_EVENTS) return;   // the rest of the burst follows
        List<PulledEvent> pulled = new ArrayList<>(burst);
        burst.clear();
        List<SessionEvents> reload = new ArrayList<>();
        boolean[] advanced = {false};
        String[] invalid = {null};
        try {
            exclusive.run(() -> merge(pulled, page, reload, advanced, invalid));
        } catch (RuntimeException e) {
            // e.g. a materializer that fails on the merged order: nothing was written (one transaction)
            LOG.log(System.Logger.Level.ERROR, "sync of " + where + ": cannot apply " + pulled.size() + " pulled event(s); "
                + "nothing was written, pulling again from " + state.upstreamHead(), e);
            publishError("cannot apply pulled events: " + e.getMessage());
            scheduleRepull();
            return;
        }
        afterMerge(page, reload, advanced[0], invalid[0]);
    }

    /** Under {@link Exclusive}: merges a burst and writes the outcome. */
    private void merge(List<PulledEvent> pulled, BackendLink.Page page, List<SessionEvents> reload, boolean[] advanced, String[] invalid) {
        List<SyncEvent> incoming = new ArrayList<>(pulled.size());
        for (PulledEvent p : pulled) incoming.add(SyncEvent.fromGlobal(p));
        MergeResult r = SyncMerge.merge(state, new SyncPayload.UpstreamAdvance(incoming), mergeOptions);
        String id = page.backendId() != null ? page.backendId() : backendId;
        if (r instanceof MergeResult.Advance a) {
            boolean nothing = a.newEvents().isEmpty() && a.confirmedIncoming().isEmpty() && a.newState().equals(state);
            if (nothing && java.util.Objects.equals(id, backendId)) return;   // an empty page: nothing to write
            LeaderDatabase.UpstreamApplied applied = database.applyUpstream(new UpstreamChange(List.of(), stored(a.newEvents()),
                confirmed(a.confirmedIncoming()), a.newState().upstreamHead().global(), id), schema);
            state = a.newState();
            backendId = id;
            queue.resetHead(state.localHead());
            List<PendingCommit.Item> items = applied.result().materialized();
            if (items.size() >= RELOAD_MIN_EVENTS && database.pageCount() * RELOAD_EVENTS_PER_PAGE <= items.size()) {
                // a catch-up: the sessions load the state as an image rather than materialize every event again
                reload.addAll(sessions.reloaded(database.snapshot().image(), applied.result().written(), null));
            } else if (!items.isEmpty()) {
                sessions.accepted(new PendingCommit(0, null, items));
            }
            advanced[0] = true;
        } else if (r instanceof MergeResult.Rebase b) {
            List<StoredEvent> rollback = new ArrayList<>();
            for (SyncEvent e : b.rollbackEvents()) rollback.add(e.toStored(0));
            LeaderDatabase.UpstreamApplied applied = database.applyUpstream(new UpstreamChange(rollback, stored(b.newEvents()),
                confirmed(b.confirmedIncoming()), b.newState().upstreamHead().global(), id), schema);
            state = b.newState();
            backendId = id;
            queue.resetHead(state.localHead());
            reload.addAll(sessions.reloaded(applied.after().image(), applied.result().written(), null));
            repushAfterPull = true;
            LOG.log(System.Logger.Level.INFO, "sync of " + where + ": rebased " + b.rollbackEvents().size() + " pending event(s) onto "
                + state.upstreamHead());
        } else if (r instanceof MergeResult.Invalid i) {
            invalid[0] = i.reason();
        }
    }

    private void afterMerge(BackendLink.Page page, List<SessionEvents> reload, boolean advanced, String invalid) {
        if (invalid != null) {
            LOG.log(System.Logger.Level.WARNING, "sync of " + where + ": dropped a page that breaks the protocol (" + invalid
                + "); pulling again from " + state.upstreamHead());
            publishError("invalid page from the backend: " + invalid);
            scheduleRepull();
            return;
        }
        Sessions.deliverPending(reload);
        if (advanced) sessions.persisted();
        repullDelay = REPULL_START_MS;
        if (page.noMore()) {
            board.firstBurstDone();
            if (repushAfterPull) {
                repushAfterPull = false;
                pusher.restart(state.pending(), backendId);
            }
        }
        pusher.backendId(backendId);
        publishOk();
    }

    private List<StoredEvent> stored(List<SyncEvent> events) {
        List<StoredEvent> out = new ArrayList<>(events.size());
        for (SyncEvent e : events) {
            EventDef<?> def = schema.event(e.name());
            out.add(e.toStored(def == null ? StoredEvent.UNKNOWN_SCHEMA_HASH : def.schemaHash()));
        }
        return out;
    }

    private static List<UpstreamChange.Confirmed> confirmed(List<SyncEvent> incoming) {
        List<UpstreamChange.Confirmed> out = new ArrayList<>(incoming.size());
        for (SyncEvent e : incoming) out.add(new UpstreamChange.Confirmed(e.seqNum(), e.syncMetadataJson()));
        return out;
    }

    // ---- what the pusher tells ----

    @Override
    public void serverAhead(BackendLink.Failure failure) {
        // LiveStore 0.4.0 waits for the backend to send the missing events and can wait forever
        // (livestore#1394, #1462): pull them actively from the persisted cursor instead.
        queue.submit(() -> {
            repushAfterPull = true;
            publish();
            restartPull();
        });
    }

    @Override
    public void backendIdMismatch(BackendLink.Failure failure) {
        queue.submit(() -> mismatch(failure));
    }

    @Override
    public void retrying(BackendLink.Failure failure, long delayMillis) {
        board.update(s -> new SyncStatus(s.enabled(), link.connected(), s.paused(), s.localHead(), s.backendHead(), s.pendingCount(),
            s.backendId(), "push failed (" + failure + "); retrying in " + delayMillis + " ms"));
    }

    @Override
    public void pushed(List<GlobalEvent> batch) {
        board.update(s -> new SyncStatus(s.enabled(), link.connected(), s.paused(), s.localHead(), s.backendHead(), s.pendingCount(),
            s.backendId(), null));
    }

    // ---- backend identity ----

    /** The backend is not the one this store synced with: LiveStore's policies. Writer thread. */
    private void mismatch(BackendLink.Failure failure) {
        String what = "the sync backend of " + where + " is not the one it synced with (" + failure.message() + ")";
        switch (onMismatch) {
            case RESET -> {
                List<SessionEvents> reload = new ArrayList<>();
                List<StoredEvent> discarded = new ArrayList<>();
                exclusive.run(() -> {
                    LeaderDatabase.Reset r = database.resetForNewBackend(schema);
                    discarded.addAll(r.discarded());
                    state = SyncState.at(SeqNum.ROOT);
                    backendId = null;
                    queue.resetHead(SeqNum.ROOT);
                    reload.addAll(sessions.reloaded(r.after().image(), r.tables(), null));
                });
                Sessions.deliverPending(reload);
                LOG.log(System.Logger.Level.WARNING, what + ": reset the store to sync from the new backend; discarded " + discarded.size()
                    + " unconfirmed local event(s): " + names(discarded));
                publishError(what + "; the store was reset and " + discarded.size() + " unconfirmed local event(s) were discarded");
                pusher.restart(List.of(), null);
                restartPull();
            }
            case SHUTDOWN -> {
                LOG.log(System.Logger.Level.ERROR, what + ": the store shuts down (onBackendIdMismatch=SHUTDOWN); its data is kept");
                stopSyncing(what + "; sync stopped and the store refuses commits (onBackendIdMismatch=SHUTDOWN)");
                queue.broken(new StoreException(StoreException.Kind.CLOSED, what + "; the store was shut down and its data kept"));
            }
            case IGNORE -> {
                LOG.log(System.Logger.Level.WARNING, what + ": sync stopped, the store goes on offline (onBackendIdMismatch=IGNORE)");
                stopSyncing(what + "; sync stopped, the store goes on offline");
            }
        }
    }

    private static String names(List<StoredEvent> events) {
        List<String> n = new ArrayList<>();
        for (StoredEvent e : events.subList(0, Math.min(20, events.size()))) n.add(e.seqNum() + " " + e.name());
        return String.join(", ", n) + (events.size() > 20 ? ", ..." : "");
    }

    private void stopSyncing(String why) {
        stopped = true;
        if (pull != null) pull.cancel();
        pusher.paused(true);
        publishError(why);
    }

    // ---- pause, resume, status, close ----

    void pause(boolean pause) {
        queue.submit(() -> {
            if (paused == pause || stopped) return;
            paused = pause;
            pusher.paused(pause);
            if (pause) {
                if (pull != null) pull.cancel();
                pullGeneration++;
                burst.clear();
            } else {
                restartPull();
            }
            board.update(s -> new SyncStatus(s.enabled(), s.connected(), pause, s.localHead(), s.backendHead(), s.pendingCount(),
                s.backendId(), s.lastError()));
        });
    }

    /** Publishes the writer's view of heads and pending events, keeping the last error. */
    private void publish() {
        publish(false, null);
    }

    /** Publishes the writer's view after something worked: the last error is cleared. */
    private void publishOk() {
        publish(true, null);
    }

    private void publishError(String error) {
        publish(true, error);
    }

    private void publish(boolean setError, String error) {
        SeqNum local = state.localHead();
        long backend = state.upstreamHead().global();
        int pending = pushable(state.pending());
        String id = backendId;
        boolean connected = link.connected();
        board.update(s -> new SyncStatus(true, connected, s.paused(), local, backend, pending, id, setError ? error : s.lastError()));
    }

    private static int pushable(List<SyncEvent> pending) {
        int n = 0;
        for (SyncEvent e : pending) if (!e.isClientNumbered()) n++;
        return n;
    }

    void close() {
        pusher.stop();
        timer.shutdownNow();
        link.close();
    }
}
