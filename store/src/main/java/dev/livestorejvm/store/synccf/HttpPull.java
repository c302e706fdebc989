package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One pull over HTTP. Each request's answer is checked whole before any page is delivered. A live
 * pull then polls from what it delivered; after a failed request it waits (backoff) and asks the
 * caller for the cursor to resume from.
 */
final class HttpPull implements PullHandle {
    private static final System.Logger LOG = System.getLogger(HttpPull.class.getName());
    private final HttpSyncCfClient client;
    private final boolean live;
    private final Supplier<Optional<Cursor>> resume;
    private final PullListener listener;
    private final Backoff backoff;
    private Optional<Cursor> next;
    private boolean polling;
    private volatile boolean cancelled;
    private volatile boolean ended;

    HttpPull(HttpSyncCfClient client, Optional<Cursor> cursor, boolean live, Supplier<Optional<Cursor>> resume, PullListener listener) {
        this.client = client;
        this.next = cursor;
        this.live = live;
        this.resume = resume;
        this.listener = listener;
        this.backoff = new Backoff(client.options().minBackoff(), client.options().maxBackoff());
    }

    @Override
    public void cancel() {
        cancelled = true;
        client.forget(this);
    }

    @Override
    public boolean isActive() {
        return !cancelled && !ended && !client.closed();
    }

    void request() {
        if (!isActive()) return;
        Optional<Cursor> cursor = next;
        String id = client.nextId();
        PageCheck check = new PageCheck(cursor);
        client.rpc(id, new SyncRequest.Pull(client.options().storeId(), client.options().payload(), cursor, false), client.options().requestTimeout(),
            (frames, failure) -> {
                if (!isActive()) return;
                if (failure != null) {
                    failed(failure.message());
                    return;
                }
                answered(id, cursor, check, frames);
            });
    }

    private void answered(String id, Optional<Cursor> cursor, PageCheck check, List<ServerFrame> frames) {
        List<PullResponse> pages = new ArrayList<>();
        ServerFrame.Exit exit = null;
        for (ServerFrame f : frames) {
            if (f instanceof ServerFrame.Chunk c && c.requestId().equals(id) && exit == null) {
                pages.addAll(c.values());
            } else if (f instanceof ServerFrame.Exit x && x.requestId().equals(id) && exit == null) {
                exit = x;
            } else if (!(f instanceof ServerFrame.Pong)) {
                badInput("frame " + f + " is not part of pull " + id, frames);
                return;
            }
        }
        if (exit == null) {
            badInput("no Exit for pull " + id, frames);
            return;
        }
        PullError failure = Exits.pullFailure(exit.exit());
        if (failure != null) {
            error(failure);
            return;
        }
        String cursorBackend = check.mismatch(pages);
        if (cursorBackend != null) {
            error(new PullError.BackendIdMismatch(pages.stream().map(PullResponse::backendId).filter(b -> !b.equals(cursorBackend)).findFirst().orElse("?"), cursorBackend));
            return;
        }
        String wrong = check.accept(pages);
        if (wrong != null) {
            badInput("pull " + id + ": " + wrong, frames);
            return;
        }
        backoff.reset();
        String backendId = cursor.map(Cursor::backendId).orElse(null);
        for (PullResponse page : pages) {
            backendId = page.backendId();
            if (cancelled) return;
            if (polling && page.batch().isEmpty()) continue;   // a poll that found nothing new says nothing
            try {
                listener.onPage(page);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "pull listener failed on a page", e);
            }
        }
        if (!live) {
            ended = true;
            client.forget(this);
            if (!cancelled) {
                try {
                    listener.onComplete();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "pull listener failed on completion", e);
                }
            }
            return;
        }
        polling = true;
        next = backendId == null ? Optional.empty() : Optional.of(new Cursor(backendId, check.lastSeen()));
        client.schedule(this::request, client.options().pollInterval().toMillis());
    }

    private void badInput(String why, List<ServerFrame> frames) {
        String text = FrameText.shorten(String.valueOf(frames));
        LOG.log(System.Logger.Level.WARNING, "sync-cf http " + client.options().storeId() + ": bad input from the server (" + why + "); " + text);
        failed("bad input from the server: " + why);
    }

    /** A request that got no usable answer: a live pull tries again from the caller's cursor, a non-live one ends. */
    private void failed(String reason) {
        if (!live) {
            error(new PullError.ConnectionLost(reason, true));
            return;
        }
        notify(new PullError.ConnectionLost(reason, false));
        client.schedule(() -> {
            try {
                Optional<Cursor> c = resume.get();
                next = c == null ? Optional.empty() : c;
            } catch (RuntimeException e) {
                error(new PullError.Unknown("the resume cursor could not be read: " + e));
                return;
            }
            polling = false;
            if (!cancelled) {
                try {
                    listener.onRestart(next);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "pull listener failed on a restart", e);
                }
            }
            request();
        }, backoff.nextDelayMillis());
    }

    void error(PullError e) {
        if (e.terminal()) {
            ended = true;
            client.forget(this);
        }
        notify(e);
    }

    private void notify(PullError e) {
        if (cancelled) return;
        try {
            listener.onError(e);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.ERROR, "pull listener failed on an error", ex);
        }
    }
}
