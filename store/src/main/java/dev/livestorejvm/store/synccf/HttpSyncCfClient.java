package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ProtocolException;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * sync-cf's HTTP transport: each request is one POST of one RPC request, answered by a JSON array of
 * frames. A live pull polls every {@code pollInterval} from the last event it delivered; {@code connected}
 * follows a {@code SyncHttpRpc.Ping} every {@code pingInterval}. Responses are handled on the client thread;
 * {@link #close} completes what is pending on the calling thread.
 */
final class HttpSyncCfClient implements SyncCfClient {
    private static final System.Logger LOG = System.getLogger(HttpSyncCfClient.class.getName());

    private final SyncCfOptions options;
    private final URI endpoint;
    private final HttpClient http;
    final ScheduledExecutorService loop;
    private final ConnectedState connected = new ConnectedState();
    private final AtomicLong nextId = new AtomicLong();
    private volatile boolean closed;
    private final Set<HttpPull> pulls = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<PushResult>> pushes = ConcurrentHashMap.newKeySet();

    private HttpSyncCfClient(SyncCfOptions options) {
        this.options = options;
        this.endpoint = options.endpoint("http");
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "synccf-http-" + options.storeId());
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);   // close() drops pending reconnects and timeouts
        executor.setRemoveOnCancelPolicy(true);
        this.loop = executor;
    }

    static HttpSyncCfClient start(SyncCfOptions options) {
        HttpSyncCfClient c = new HttpSyncCfClient(options);
        c.post(c::ping);
        return c;
    }

    void post(Runnable task) {
        schedule(task, 0);
    }

    void schedule(Runnable task, long delayMillis) {
        if (closed) return;
        try {
            loop.schedule(() -> {
                try {
                    if (!closed) task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "sync-cf http client " + options.storeId() + ": internal error", e);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    SyncCfOptions options() {
        return options;
    }

    @Override
    public PullHandle pull(Optional<Cursor> cursor, boolean live, Supplier<Optional<Cursor>> resumeCursor, PullListener listener) {
        HttpPull p = new HttpPull(this, cursor, live, resumeCursor, listener);
        pulls.add(p);
        if (closed) p.error(new PullError.ConnectionLost("client closed", true));
        else post(p::request);
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
        pushes.add(result);
        result.whenComplete((r, e) -> pushes.remove(result));
        String id = Long.toString(nextId.getAndIncrement());
        rpc(id, new SyncRequest.Push(options.storeId(), options.payload(), batch, backendId), options.requestTimeout(), (frames, failure) -> {
            if (failure != null) {
                result.complete(failure.offline ? new PushResult.Offline(failure.message) : new PushResult.Unknown(failure.message));
                return;
            }
            for (ServerFrame f : frames) {
                if (f instanceof ServerFrame.Exit x && x.requestId().equals(id)) {
                    result.complete(Exits.push(x.exit()));
                    return;
                }
            }
            LOG.log(System.Logger.Level.WARNING, "sync-cf http " + options.storeId() + ": push " + id + " answered without its Exit: " + frames);
            result.complete(new PushResult.Unknown("the server's answer to push " + id + " has no Exit for it"));
        });
        return result;
    }

    /** Polls the server's liveness: {@code connected} is whether the last Ping was answered. */
    private void ping() {
        String id = Long.toString(nextId.getAndIncrement());
        rpc(id, new SyncRequest.Ping(options.storeId(), options.payload()), options.pingTimeout(), (frames, failure) -> {
            boolean ok = failure == null && frames.stream().anyMatch(f -> f instanceof ServerFrame.Exit x && x.requestId().equals(id) && Exits.pullFailure(x.exit()) == null);
            connected.set(ok);
            schedule(this::ping, options.pingInterval().toMillis());
        });
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
        loop.shutdownNow();
        connected.set(false);
        for (HttpPull p : List.copyOf(pulls)) p.error(new PullError.ConnectionLost("client closed", true));
        for (CompletableFuture<PushResult> f : List.copyOf(pushes)) f.complete(new PushResult.Offline("client closed"));
    }

    void forget(HttpPull pull) {
        pulls.remove(pull);
    }

    boolean closed() {
        return closed;
    }

    String nextId() {
        return Long.toString(nextId.getAndIncrement());
    }

    /** A response's status and body; the body is null when it was longer than allowed. */
    record Body(int statusCode, String body) {}

    private Body readBounded(HttpResponse<InputStream> rs) {
        try (InputStream in = rs.body()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxHttpResponseBytes() + 1));
            if (bytes.length > options.maxHttpResponseBytes()) return new Body(rs.statusCode(), null);
            return new Body(rs.statusCode(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a request got no usable answer; {@code offline}: the server could not be reached. */
    record Failure(String message, boolean offline) {}

    interface Answer {
        void accept(List<ServerFrame> frames, Failure failure);
    }

    /** POSTs one request; the answer is handled on the client thread. An answer that is not a JSON array of frames is bad input. */
    void rpc(String id, SyncRequest request, Duration timeout, Answer answer) {
        String body = SyncCodec.encode(new ClientFrame.Request(id, RpcGroup.HTTP, request));
        HttpRequest rq = HttpRequest.newBuilder(endpoint).timeout(timeout)
            .header("Content-Type", "application/json").header("x-livestore-store-id", options.storeId())
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        // the body is read on the HTTP client's threads, at most maxHttpResponseBytes of it; the answer is handled on the client thread
        http.sendAsync(rq, HttpResponse.BodyHandlers.ofInputStream()).thenApply(this::readBounded).whenComplete((rs, err) -> post(() -> {
            if (err != null) {
                answer.accept(null, new Failure("could not reach " + endpoint.getHost() + ":" + endpoint.getPort() + ": " + err, true));
                return;
            }
            String text = rs.body();
            if (text == null) {
                LOG.log(System.Logger.Level.WARNING, "sync-cf http " + options.storeId() + ": bad input: response body over " + options.maxHttpResponseBytes() + " bytes");
                answer.accept(null, new Failure("bad input from the server: response body over " + options.maxHttpResponseBytes() + " bytes", false));
                return;
            }
            if (rs.statusCode() != 200) {
                answer.accept(null, new Failure("HTTP " + rs.statusCode() + ": " + FrameText.shorten(text).strip(), rs.statusCode() >= 500));
                return;
            }
            List<ServerFrame> frames;
            try {
                frames = SyncCodec.decodeServerArray(text);
            } catch (ProtocolException e) {
                LOG.log(System.Logger.Level.WARNING, "sync-cf http " + options.storeId() + ": bad input (" + e.getMessage() + "): " + FrameText.shorten(text));
                answer.accept(null, new Failure("bad input from the server: " + e.getMessage(), false));
                return;
            }
            answer.accept(frames, null);
        }));
    }
}
