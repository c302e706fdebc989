package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ProtocolException;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * sync-cf over the JDK's WebSocket. All state lives on one client thread: socket callbacks, API calls
 * and timers are posted to it. Each socket has a generation; callbacks of an older socket are ignored.
 * Incoming frames are read one at a time ({@code request(1)} after each is handled), so a slow
 * listener slows the socket instead of filling memory.
 */
final class WsSyncCfClient implements SyncCfClient {
    private static final System.Logger LOG = System.getLogger(WsSyncCfClient.class.getName());
    private static final int MAX_REMEMBERED_INTERRUPTS = 1024;

    private final SyncCfOptions options;
    private final URI endpoint;
    private final HttpClient http;
    private final ScheduledExecutorService loop;
    private volatile Thread loopThread;
    private final Backoff backoff;
    private final ConnectedState connected = new ConnectedState();
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private volatile boolean closed;

    // client thread only
    private int generation;
    private WebSocket socket;
    private long openedAtNanos;
    private boolean lastDropForBadInput;
    private StringBuilder partial = new StringBuilder();
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private long outboxChars;
    private boolean sending;
    private boolean closing;
    private long nextId;
    private final LinkedHashSet<WsPull> pulls = new LinkedHashSet<>();
    private final Map<String, WsPull> onWire = new HashMap<>();
    private final LinkedHashSet<String> interrupted = new LinkedHashSet<>();
    private final Map<String, CompletableFuture<PushResult>> pushes = new HashMap<>();
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> pongTimeout;

    private WsSyncCfClient(SyncCfOptions options) {
        this.options = options;
        this.endpoint = options.endpoint("ws");
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
        this.backoff = new Backoff(options.minBackoff(), options.maxBackoff());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "synccf-" + options.storeId());
            t.setDaemon(true);
            loopThread = t;
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);   // close() drops pending reconnects and timeouts
        executor.setRemoveOnCancelPolicy(true);
        this.loop = executor;
    }

    static WsSyncCfClient start(SyncCfOptions options) {
        WsSyncCfClient c = new WsSyncCfClient(options);
        c.post(c::connect);
        return c;
    }

    private void post(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "sync-cf client " + options.storeId() + ": internal error", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: nothing more to do
        }
    }

    // ---- API ----

    @Override
    public PullHandle pull(Optional<Cursor> cursor, boolean live, Supplier<Optional<Cursor>> resumeCursor, PullListener listener) {
        WsPull p = new WsPull(cursor, live, resumeCursor, listener, this::cancelled);
        if (closed) {
            p.error(new PullError.ConnectionLost("client closed", true));
            return p;
        }
        post(() -> {
            if (closing) {
                p.error(new PullError.ConnectionLost("client closed", true));
                return;
            }
            pulls.add(p);
            if (socket != null) issue(p);
        });
        return p;
    }

    @Override
    public CompletableFuture<PushResult> push(List<EncodedEvent> batch, Optional<String> backendId) {
        PushBatches.check(batch);
        CompletableFuture<PushResult> result = new CompletableFuture<>();
        if (closed) {
            result.complete(new PushResult.Offline("client closed"));
            return result;
        }
        post(() -> {
            if (closing) {
                result.complete(new PushResult.Offline("client closed"));
            } else if (socket == null) {
                result.complete(new PushResult.Offline("not connected to " + endpoint.getHost() + ":" + endpoint.getPort()));
            } else {
                String id = nextId();
                String frame = SyncCodec.encode(new ClientFrame.Request(id, RpcGroup.WS,
                    new SyncRequest.Push(options.storeId(), options.payload(), batch, backendId)));
                if (!roomFor(frame)) {
                    result.complete(new PushResult.Offline("send queue full (" + outbox.size() + " frames, " + outboxChars + " characters unsent)"));
                    return;
                }
                pushes.put(id, result);
                send(frame);
                // a push the server never answers leaves its fate unknown: drop the socket, so the caller re-pulls and retries
                int gen = generation;
                loop.schedule(() -> {
                    if (gen == generation && pushes.containsKey(id)) drop("push " + id + " unanswered for " + options.requestTimeout().toMillis() + " ms");
                }, options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        if (closed && !result.isDone()) result.complete(new PushResult.Offline("client closed"));
        return result;
    }

    @Override
    public boolean connected() {
        return connected.get();
    }

    @Override
    public void onConnectedChange(Consumer<Boolean> listener) {
        connected.listen(listener);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        post(this::beginClose);
        if (Thread.currentThread() != loopThread) {
            try {
                closeDone.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        post(() -> {
            if (socket != null) socket.abort();
            socket = null;
            generation++;
        });
        loop.shutdown();
        if (Thread.currentThread() != loopThread) {
            try {
                loop.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void beginClose() {
        closing = true;
        for (WsPull p : new ArrayList<>(pulls)) {
            if (p.requestId != null && socket != null) send(SyncCodec.encode(new ClientFrame.Interrupt(p.requestId)));
            p.error(new PullError.ConnectionLost("client closed", true));
        }
        pulls.clear();
        onWire.clear();
        failPushes("client closed");
        cancelTimers();
        connected.set(false);
        if (socket == null) closeDone.countDown();
        else pump();
    }

    // ---- connection ----

    private void connect() {
        if (closing) return;
        int gen = ++generation;
        http.newWebSocketBuilder().connectTimeout(options.connectTimeout())
            .buildAsync(endpoint, new SocketListener(gen))
            .whenComplete((ws, err) -> {
                if (err != null) post(() -> dropped(gen, "could not connect to " + endpoint.getHost() + ":" + endpoint.getPort() + ": " + rootMessage(err)));
            });
    }

    private void opened(int gen, WebSocket ws) {
        if (gen != generation || closing) {
            ws.abort();
            return;
        }
        socket = ws;
        openedAtNanos = System.nanoTime();
        partial.setLength(0);
        outbox.clear();
        outboxChars = 0;
        sending = false;
        ws.request(1);
        ping();
        long every = options.pingInterval().toMillis();
        pingTask = loop.scheduleAtFixedRate(() -> {
            try {
                ping();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "ping failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        for (WsPull p : new ArrayList<>(pulls)) issue(p);
    }

    /** Called for a socket that closed, failed or could not open; ignored for an older socket. */
    private void dropped(int gen, String reason) {
        if (gen != generation) return;
        if (closing) {
            socket = null;
            closeDone.countDown();
            return;
        }
        drop(reason);
    }

    /** Ends the current socket: pushes in flight are offline, live pulls wait for the next socket, others end. */
    private void drop(String reason) {
        boolean wasOpen = socket != null;
        if (socket != null) socket.abort();
        socket = null;
        generation++;
        cancelTimers();
        partial = new StringBuilder();
        outbox.clear();
        outboxChars = 0;
        sending = false;
        interrupted.clear();
        connected.set(false);
        failPushes(reason);
        for (WsPull p : new ArrayList<>(pulls)) {
            if (p.requestId == null) continue;   // not issued on this socket
            onWire.remove(p.requestId);
            p.requestId = null;
            if (p.live) {
                p.error(new PullError.ConnectionLost(reason, false));
            } else {
                pulls.remove(p);
                p.error(new PullError.ConnectionLost(reason, true));
            }
        }
        // a connection that stayed up longer than the longest backoff was healthy: start the backoff again from its minimum
        if (wasOpen && !lastDropForBadInput && System.nanoTime() - openedAtNanos > options.maxBackoff().toNanos()) backoff.reset();
        long delay = backoff.nextDelayMillis();
        LOG.log(System.Logger.Level.INFO, "sync-cf " + options.storeId() + ": connection lost (" + reason + "); reconnecting in " + delay + " ms");
        loop.schedule(() -> {
            try {
                connect();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "reconnect failed", e);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void badInput(String why, String frame) {
        LOG.log(System.Logger.Level.WARNING, "sync-cf " + options.storeId() + ": bad input from the server (" + why + "); dropping the connection. Frame: " + FrameText.shorten(frame));
        lastDropForBadInput = true;
        drop("bad input from the server: " + why);
    }

    private void cancelTimers() {
        if (pingTask != null) pingTask.cancel(false);
        if (pongTimeout != null) pongTimeout.cancel(false);
        pingTask = null;
        pongTimeout = null;
    }

    private void failPushes(String reason) {
        List<CompletableFuture<PushResult>> pending = new ArrayList<>(pushes.values());
        pushes.clear();
        for (CompletableFuture<PushResult> f : pending) f.complete(new PushResult.Offline(reason));
    }

    private void ping() {
        if (socket == null || pongTimeout != null) return;   // a ping is already waiting for its pong
        send(SyncCodec.encode(new ClientFrame.Ping()));
        int gen = generation;
        pongTimeout = loop.schedule(() -> {
            if (gen == generation) drop("no Pong within " + options.pingTimeout().toMillis() + " ms");
        }, options.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pong() {
        if (pongTimeout != null) pongTimeout.cancel(false);
        pongTimeout = null;
        if (!lastDropForBadInput || System.nanoTime() - openedAtNanos > options.maxBackoff().toNanos()) {
            backoff.reset();
            lastDropForBadInput = false;
        }
        connected.set(true);
    }

    // ---- sending ----

    private String nextId() {
        return Long.toString(nextId++);
    }

    private boolean roomFor(String frame) {
        return outbox.size() < options.maxQueuedFrames() && outboxChars + frame.length() <= options.maxQueuedChars();
    }

    /** Queues a frame; a full queue means the socket is stuck, so it is dropped (and reconnected). */
    private void send(String frame) {
        if (socket == null) return;
        if (!roomFor(frame)) {
            drop("send queue full (" + outbox.size() + " frames, " + outboxChars + " characters unsent)");
            return;
        }
        outbox.add(frame);
        outboxChars += frame.length();
        pump();
    }

    private void pump() {
        if (sending || socket == null) return;
        WebSocket ws = socket;
        int gen = generation;
        String frame = outbox.poll();
        if (frame == null) {
            if (closing) {
                sending = true;
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").whenComplete((w, e) -> post(() -> {
                    if (e != null && gen == generation) {
                        socket = null;
                        closeDone.countDown();
                    }
                }));
            }
            return;
        }
        sending = true;
        ws.sendText(frame, true).whenComplete((w, e) -> post(() -> {
            if (gen != generation) return;
            sending = false;
            outboxChars -= frame.length();
            if (e != null) {
                if (closing) {
                    socket = null;
                    closeDone.countDown();
                } else {
                    drop("send failed: " + rootMessage(e));
                }
                return;
            }
            pump();
        }));
    }

    // ---- pulls ----

    private void issue(WsPull p) {
        if (p.ended || p.cancelled() || socket == null) return;
        Optional<Cursor> cursor;
        try {
            cursor = p.nextCursor();
        } catch (RuntimeException e) {
            pulls.remove(p);
            p.error(new PullError.Unknown("the resume cursor could not be read: " + e));
            return;
        }
        String id = nextId();
        p.requestId = id;
        p.check = new PageCheck(cursor);
        p.started(cursor);
        onWire.put(id, p);
        send(SyncCodec.encode(new ClientFrame.Request(id, RpcGroup.WS, new SyncRequest.Pull(options.storeId(), options.payload(), cursor, p.live))));
    }

    private void cancelled(WsPull p) {
        post(() -> {
            pulls.remove(p);
            if (p.requestId != null) {
                onWire.remove(p.requestId);
                remember(p.requestId);
                if (!p.ended) send(SyncCodec.encode(new ClientFrame.Interrupt(p.requestId)));
                p.requestId = null;
            }
            p.ended = true;
        });
    }

    /** Frames may still arrive for a pull just interrupted: they are dropped quietly, not taken as bad input. */
    private void remember(String requestId) {
        interrupted.add(requestId);
        if (interrupted.size() > MAX_REMEMBERED_INTERRUPTS) {
            Iterator<String> it = interrupted.iterator();
            it.next();
            it.remove();
        }
    }

    // ---- receiving ----

    private void text(int gen, WebSocket ws, String data, boolean last) {
        if (gen != generation) return;
        if (partial.length() + data.length() > options.maxFrameChars()) {
            String start = partial.append(data, 0, Math.min(data.length(), 600)).toString();
            badInput("frame over " + options.maxFrameChars() + " characters", start);
            return;
        }
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial = new StringBuilder();
            frame(frame);
        }
        if (gen == generation) ws.request(1);
    }

    private void frame(String text) {
        if (closing) return;   // closing: pulls and pushes are already ended
        ServerFrame f;
        try {
            f = SyncCodec.decodeServer(text);
        } catch (ProtocolException e) {
            badInput(e.getMessage(), text);
            return;
        }
        if (f instanceof ServerFrame.Pong) {
            pong();
        } else if (f instanceof ServerFrame.Chunk c) {
            chunk(c, text);
        } else if (f instanceof ServerFrame.Exit x) {
            exit(x, text);
        } else if (f instanceof ServerFrame.Defect d) {
            LOG.log(System.Logger.Level.WARNING, "sync-cf " + options.storeId() + ": the server reports a defect: " + FrameText.shorten(d.defect().json()));
        }
    }

    private void chunk(ServerFrame.Chunk c, String text) {
        WsPull p = onWire.get(c.requestId());
        if (p == null) {
            if (!interrupted.contains(c.requestId())) badInput("Chunk for request id " + c.requestId() + ", which is no running pull", text);
            return;
        }
        String cursorBackend = p.check.mismatch(c.values());
        if (cursorBackend != null) {
            String serverBackend = c.values().stream().map(PullResponse::backendId).filter(b -> !b.equals(cursorBackend)).findFirst().orElse("?");
            LOG.log(System.Logger.Level.WARNING, "sync-cf " + options.storeId() + ": pull " + c.requestId() + " answered by backend " + serverBackend + " for a cursor of backend " + cursorBackend);
            endPull(p, new PullError.BackendIdMismatch(serverBackend, cursorBackend), true);
            return;
        }
        String wrong = p.check.accept(c.values());
        if (wrong != null) {
            badInput("Chunk for pull " + c.requestId() + ": " + wrong, text);
            return;
        }
        for (PullResponse page : c.values()) p.page(page);
        if (socket != null) send(SyncCodec.encode(new ClientFrame.Ack(c.requestId())));
    }

    private void exit(ServerFrame.Exit x, String text) {
        CompletableFuture<PushResult> push = pushes.remove(x.requestId());
        if (push != null) {
            push.complete(Exits.push(x.exit()));
            return;
        }
        WsPull p = onWire.get(x.requestId());
        if (p == null) {
            if (!interrupted.remove(x.requestId())) badInput("Exit for request id " + x.requestId() + ", which is no running request", text);
            return;
        }
        PullError failure = Exits.pullFailure(x.exit());
        if (failure == null) {
            if (p.live) {
                badInput("Exit success for live pull " + x.requestId() + " (a live pull never ends)", text);
                return;
            }
            onWire.remove(x.requestId());
            pulls.remove(p);
            p.requestId = null;
            p.complete();
        } else {
            endPull(p, failure, false);
        }
    }

    private void endPull(WsPull p, PullError error, boolean interrupt) {
        pulls.remove(p);
        if (p.requestId != null) {
            onWire.remove(p.requestId);
            if (interrupt) {
                remember(p.requestId);
                send(SyncCodec.encode(new ClientFrame.Interrupt(p.requestId)));
            }
            p.requestId = null;
        }
        p.error(error);
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) e = e.getCause();
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** JDK socket callbacks, posted to the client thread with their socket's generation. */
    private final class SocketListener implements WebSocket.Listener {
        private final int gen;

        SocketListener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket ws) {
            post(() -> opened(gen, ws));
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            String s = data.toString();
            post(() -> text(gen, ws, s, last));
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            int n = data.remaining();
            post(() -> {
                if (gen == generation) badInput("binary frame of " + n + " bytes (sync-cf frames are text)", "<binary>");
            });
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            post(() -> dropped(gen, "closed by the server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            post(() -> dropped(gen, "socket error: " + rootMessage(error)));
        }
    }
}
