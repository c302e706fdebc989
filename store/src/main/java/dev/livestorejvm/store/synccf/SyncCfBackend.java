package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.PullCursor;
import dev.livestorejvm.store.sync.PullPage;
import dev.livestorejvm.store.sync.PullSubscription;
import dev.livestorejvm.store.sync.PulledEvent;
import dev.livestorejvm.store.sync.SyncBackend;
import dev.livestorejvm.store.sync.SyncBackendException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The store's {@link SyncBackend} over a {@link SyncCfClient}: the sync-cf protocol over WebSocket
 * or HTTP, to the project's sync server or any sync-cf endpoint. The client reconnects by itself and
 * re-issues a live pull after the last event this adapter delivered, so the store sees each event once.
 */
public final class SyncCfBackend implements SyncBackend {
    private final SyncCfClient client;
    private final SyncCfOptions options;
    private final Duration connectTimeout;

    private SyncCfBackend(SyncCfClient client, SyncCfOptions options, Duration connectTimeout) {
        this.client = client;
        this.options = options;
        this.connectTimeout = connectTimeout;
    }

    /** A backend over a WebSocket client ({@code transport=ws}). */
    public static SyncCfBackend webSocket(SyncCfOptions options) {
        return new SyncCfBackend(SyncCfClient.webSocket(options), options, options.connectTimeout());
    }

    /** A backend over an HTTP client ({@code transport=http}; live pulls poll). */
    public static SyncCfBackend http(SyncCfOptions options) {
        return new SyncCfBackend(SyncCfClient.http(options), options, options.connectTimeout());
    }

    @Override
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> up = new CompletableFuture<>();
        if (client.connected()) {
            up.complete(null);
            return up;
        }
        client.onConnectedChange(connected -> {
            if (connected) up.complete(null);
        });
        if (client.connected()) up.complete(null);
        return up.orTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e -> CompletableFuture.failedFuture(
            new SyncBackendException.Offline("no connection to " + options.url() + " within " + connectTimeout, e)));
    }

    @Override
    public PullSubscription pull(Optional<PullCursor> cursor, boolean live, dev.livestorejvm.store.sync.PullListener listener) {
        Optional<Cursor> from = cursor.flatMap(c -> c.backendId().map(id -> new Cursor(id, c.eventSequenceNumber())));
        AtomicLong delivered = new AtomicLong(from.map(Cursor::eventSequenceNumber).orElse(0L));
        AtomicReference<String> backendId = new AtomicReference<>(from.map(Cursor::backendId).orElse(null));
        boolean[] open = {true};
        PullHandle handle = client.pull(from, live,
            () -> backendId.get() == null ? Optional.empty() : Optional.of(new Cursor(backendId.get(), delivered.get())),
            new PullListener() {
                @Override
                public void onPage(PullResponse page) {
                    List<PulledEvent> events = new ArrayList<>(page.batch().size());
                    for (PullEvent e : page.batch()) {
                        EncodedEvent g = e.eventEncoded();
                        events.add(new PulledEvent(new GlobalEvent(g.seqNum(), g.parentSeqNum(), g.name(), g.args().json(), g.clientId(),
                            g.sessionId()), e.metadata().map(RawJson::json)));
                    }
                    if (!events.isEmpty()) delivered.set(events.get(events.size() - 1).event().seqNum());
                    backendId.set(page.backendId());
                    listener.onPage(new PullPage(events, pageInfo(page.pageInfo()), page.backendId()));
                }

                @Override
                public void onError(PullError error) {
                    if (!error.terminal()) return;   // the client re-issues the live pull after the last delivered event
                    open[0] = false;
                    listener.onError(exception(error));
                }

                @Override
                public void onComplete() {
                    open[0] = false;
                    listener.onEnd();
                }
            });
        return new PullSubscription() {
            @Override
            public boolean isOpen() {
                return open[0] && handle.isActive();
            }

            @Override
            public void close() {
                open[0] = false;
                handle.cancel();
            }
        };
    }

    private static PullPage.PageInfo pageInfo(PageInfo p) {
        if (p instanceof PageInfo.MoreKnown k) return new PullPage.PageInfo.MoreKnown(k.remaining());
        if (p instanceof PageInfo.MoreUnknown) return PullPage.PageInfo.MORE_UNKNOWN;
        return PullPage.PageInfo.NO_MORE;
    }

    private static SyncBackendException exception(PullError error) {
        if (error instanceof PullError.BackendIdMismatch m) return new SyncBackendException.BackendIdMismatch(m.expected(), m.received());
        if (error instanceof PullError.ConnectionLost l) return new SyncBackendException.Offline(l.reason(), null);
        return new SyncBackendException.Unknown(((PullError.Unknown) error).message(), null);
    }

    @Override
    public CompletableFuture<Void> push(List<GlobalEvent> batch, Optional<String> backendId) {
        List<EncodedEvent> events = new ArrayList<>(batch.size());
        for (GlobalEvent e : batch) {
            events.add(new EncodedEvent(e.name(), new RawJson(e.argsJson()), e.seqNum(), e.parentSeqNum(), e.clientId(), e.sessionId()));
        }
        return client.push(events, backendId).thenCompose(result -> {
            if (result instanceof PushResult.Ok) return CompletableFuture.completedFuture(null);
            SyncBackendException failure;
            if (result instanceof PushResult.ServerAhead a) {
                failure = new SyncBackendException.ServerAhead(a.minimumExpectedNum(), a.providedNum());
            } else if (result instanceof PushResult.BackendIdMismatch m) {
                failure = new SyncBackendException.BackendIdMismatch(m.expected(), m.received());
            } else if (result instanceof PushResult.Offline o) {
                failure = new SyncBackendException.Offline(o.reason(), null);
            } else {
                failure = new SyncBackendException.Unknown(((PushResult.Unknown) result).message(), null);
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    @Override
    public CompletableFuture<Void> ping() {
        return client.connected() ? CompletableFuture.completedFuture(null)
            : CompletableFuture.failedFuture(new SyncBackendException.Offline("no answer from " + options.url(), null));
    }

    @Override
    public boolean isConnected() {
        return client.connected();
    }

    @Override
    public Runnable onConnectionChange(Consumer<Boolean> listener) {
        boolean[] on = {true};
        client.onConnectedChange(up -> {
            if (on[0]) listener.accept(up);
        });
        return () -> on[0] = false;
    }

    @Override
    public Map<String, Object> metadata() {
        return Map.of("name", "@livestore/sync-cf", "description", "sync-cf protocol client", "url", options.url().toString());
    }

    @Override
    public Supports supports() {
        return new Supports(true, true);
    }

    @Override
    public void close() {
        client.close();
    }
}
