package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.PullResponse;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One pull of the WebSocket client: its listener, where it (re)starts, and what it has seen on the current request. */
final class WsPull implements PullHandle {
    private static final System.Logger LOG = System.getLogger(WsPull.class.getName());
    final boolean live;
    private final Optional<Cursor> initial;
    private final Supplier<Optional<Cursor>> resume;
    private final PullListener listener;
    private final Consumer<WsPull> onCancel;
    private boolean issued;
    private boolean restarted;
    /** Touched on the client thread only: the request on the wire (null when none) and its page check. */
    String requestId;
    PageCheck check;
    volatile boolean ended;
    private volatile boolean cancelled;

    WsPull(Optional<Cursor> initial, boolean live, Supplier<Optional<Cursor>> resume, PullListener listener, Consumer<WsPull> onCancel) {
        this.initial = initial;
        this.live = live;
        this.resume = resume;
        this.listener = listener;
        this.onCancel = onCancel;
    }

    /** The cursor for the next request: the given one the first time, the caller's current one after that. */
    Optional<Cursor> nextCursor() {
        if (!issued) {
            issued = true;
            return initial;
        }
        Optional<Cursor> c = resume.get();
        return c == null ? Optional.empty() : c;
    }

    @Override
    public void cancel() {
        if (cancelled) return;
        cancelled = true;
        onCancel.accept(this);
    }

    @Override
    public boolean isActive() {
        return !cancelled && !ended;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Tells the listener where a request after the first one starts. */
    void started(Optional<Cursor> cursor) {
        if (!restarted) {
            restarted = true;
            return;
        }
        if (cancelled) return;
        try {
            listener.onRestart(cursor);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "pull listener failed on a restart", e);
        }
    }

    void page(PullResponse page) {
        if (cancelled) return;
        try {
            listener.onPage(page);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "pull listener failed on a page", e);
        }
    }

    void error(PullError error) {
        if (error.terminal()) ended = true;
        if (cancelled) return;
        try {
            listener.onError(error);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "pull listener failed on an error", e);
        }
    }

    void complete() {
        ended = true;
        if (cancelled) return;
        try {
            listener.onComplete();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "pull listener failed on completion", e);
        }
    }
}
