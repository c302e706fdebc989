package dev.livestorejvm.benchmarks;

import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncRequest;
import dev.livestorejvm.protocol.SyncUrl;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.StorageFactory;
import dev.livestorejvm.server.storage.SyncStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for the sync server (issue 17's speed targets), in one process over loopback WebSockets
 * (clients: {@link RawWsClient}, one blocking socket and thread each; {@code -Dclient=jdk} for the JDK's
 * java.net.http.WebSocket). Storage: {@code -Dstorage=sqlite:DIR} (default: a temporary directory) or any
 * other StorageFactory URL on the class path. The server and the clients share the machine's cores: the
 * clients are kept as cheap as a real client on another machine would be to this one (no spinning waits,
 * no decoding inside the timed part of the fan-out).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.livestorejvm.benchmarks.SyncServerLoadMain
 *   [-Devents=100000] [-Dsingles=2000] [-Dsubscribers=50] [-Dlatency.pushes=300] [-Dwarmup.batches=300]
 *   [-Dphases=batched,catchup,singles,pipelined,parallel,latency] [-Dfanout.threads=N] [-Dclient=raw|jdk]
 *   [-Dlatency.clients=raw|jdk]
 * </pre>
 *
 * Prints: batched push throughput (100-event batches, one pusher, sequential and 4 in flight),
 * single-event pushes/s (one store, sequential; and 10 stores in parallel), the catch-up read of all
 * events by one client, and push → last of N live subscribers latency (p50/p99).
 */
public final class SyncServerLoadMain {
    static final AtomicInteger IDS = new AtomicInteger();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("events", 100_000);
        int singles = Integer.getInteger("singles", 2_000);
        int subscribers = Integer.getInteger("subscribers", 50);
        int latencyPushes = Integer.getInteger("latency.pushes", 300);
        // which parts run (all by default): batched, catchup, singles, pipelined, parallel, latency
        java.util.Set<String> phases = java.util.Set.of(System.getProperty("phases", "batched,catchup,singles,pipelined,parallel,latency").split(","));
        String url = System.getProperty("storage");
        Path tempDir = url == null ? Files.createTempDirectory("sync-load") : null;
        if (url == null) url = "sqlite:" + tempDir;
        SyncStorage storage = StorageFactory.forUrl(url).open(url);
        try (SyncServer server = SyncServer.builder(storage).fanOutThreads(Integer.getInteger("fanout.threads", 0)).build().start()) {
            System.out.println("storage " + url + ", server " + server.uri() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
            String run = Long.toString(System.currentTimeMillis(), 36);

            // warm-up: the JIT (the compiled SQLite is large: C2 takes seconds of CPU over it), the wasm runtime, the file
            int warmBatches = Integer.getInteger("warmup.batches", 300);
            try (Client c = Client.open(server, "warm-" + run)) {
                c.pushBatches(0, warmBatches * 100, 100, 1);
                c.pushBatches(warmBatches * 100L, warmBatches, 1, 1);
            }

            if (phases.contains("batched")) try (Client c = Client.open(server, "batched-" + run)) {
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                c.pushBatches(0, events / 2, 100, 1);
                double s1 = (System.nanoTime() - t0) / 1e9;
                System.out.printf("batched pushes, 100/batch, sequential:   %,.0f events/s (%,d events in %.2f s) [cpu %.2f s]%n", events / 2 / s1, events / 2, s1, (cpuNanos() - c0) / 1e9);
                t0 = System.nanoTime();
                c0 = cpuNanos();
                c.pushBatches(events / 2, events - events / 2, 100, 4);
                double s2 = (System.nanoTime() - t0) / 1e9;
                System.out.printf("batched pushes, 100/batch, 4 in flight:  %,.0f events/s (%,d events in %.2f s) [cpu %.2f s]%n", (events - events / 2) / s2, events - events / 2, s2, (cpuNanos() - c0) / 1e9);
            }
            if (phases.contains("catchup") && phases.contains("batched")) try (Client reader = Client.open(server, "batched-" + run)) {
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                long n = reader.catchUp();
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("catch-up read by one client:             %,d events in %.2f s (%,.0f events/s) [cpu %.2f s]%n", n, s, n / s, (cpuNanos() - c0) / 1e9);
            }
            if (phases.contains("singles")) try (Client c = Client.open(server, "singles-" + run)) {
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                c.pushBatches(0, singles, 1, 1);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("single-event pushes, one store:          %,.0f pushes/s (%,d in %.2f s) [cpu %.2f s]%n", singles / s, singles, s, (cpuNanos() - c0) / 1e9);
            }
            if (phases.contains("pipelined")) try (Client c = Client.open(server, "pipelined-" + run)) {
                // pushes sent without waiting for each ack: the server commits those that queue up together
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                c.pushBatches(0, singles, 1, 32);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("single-event pushes, one store, 32 in flight: %,.0f pushes/s (%,d in %.2f s) [cpu %.2f s]%n", singles / s, singles, s, (cpuNanos() - c0) / 1e9);
            }
            if (phases.contains("parallel")) {
                int stores = 10;
                List<Thread> threads = new ArrayList<>();
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                for (int i = 0; i < stores; i++) {
                    String storeId = "par-" + run + "-" + i;
                    Thread t = new Thread(() -> {
                        try (Client c = Client.open(server, storeId)) {
                            c.pushBatches(0, singles / stores, 1, 1);
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    });
                    threads.add(t);
                    t.start();
                }
                for (Thread t : threads) t.join();
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("single-event pushes, 10 stores parallel: %,.0f pushes/s total (%,d in %.2f s) [cpu %.2f s]%n", singles / s, singles, s, (cpuNanos() - c0) / 1e9);
            }
            if (phases.contains("latency")) latency(server, "latency-" + run, subscribers, latencyPushes);
        } finally {
            if (tempDir != null) deleteTree(tempDir);   // ~30 MB of store files per run
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** The CPU time of this process (server and clients) so far: with the machine shared, a figure that load does not inflate. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * One pusher sends single events; N live subscribers; time from sending the push until the last
     * subscriber has the whole chunk frame. Subscribers ({@code -Dlatency.clients}): {@code raw} (default)
     * are {@link RawWsClient}s, one blocking socket and thread each, which note the arrival time when a
     * frame's last byte is read and decode the frames after the run to check them (each must be the chunk
     * of exactly the next event); {@code jdk} are java.net.http WebSocket clients sharing one HttpClient
     * that decode each frame before counting it: 50 of those queue behind one selector thread and measure
     * mostly the benchmark's own receiving on 2 cores. The pusher waits without spinning (a spinning
     * waiter takes one of the 2 cores from the server and the subscribers).
     */
    static void latency(SyncServer server, String storeId, int n, int pushes) throws Exception {
        boolean raw = !"jdk".equals(System.getProperty("latency.clients", "raw"));
        long[] arrived = new long[pushes + 1];
        AtomicInteger[] count = new AtomicInteger[pushes + 1];
        for (int i = 0; i <= pushes; i++) count[i] = new AtomicInteger();
        long[] sent = new long[pushes + 1];
        Object signal = new Object();
        java.util.function.IntConsumer received = seq -> {
            if (seq >= 1 && seq <= pushes) {
                int k = count[seq].incrementAndGet();
                if (k == n) {
                    synchronized (signal) {
                        arrived[seq] = System.nanoTime();
                        signal.notifyAll();
                    }
                }
            }
        };
        List<AutoCloseable> subs = new ArrayList<>();
        List<List<byte[]>> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String pull = SyncCodec.encode(new ClientFrame.Request("pull-" + i, RpcGroup.WS, new SyncRequest.Pull(storeId, Optional.empty(), Optional.empty(), true)));
            if (raw) {
                // frame 0 is the catch-up's (empty) chunk; frame k the live chunk of push k: checked after the run
                List<byte[]> mine = java.util.Collections.synchronizedList(new ArrayList<>());
                frames.add(mine);
                RawWsClient c = RawWsClient.connect(URI.create(server.uri() + "/?" + SyncUrl.query(storeId, Optional.empty(), "ws")), bytes -> {
                    int k = mine.size();
                    mine.add(bytes);
                    received.accept(k);
                });
                c.sendText(pull);
                subs.add(c);
            } else {
                Client c = Client.open(server, storeId, false);
                c.onChunk = seq -> received.accept((int) seq);
                c.send(pull);
                subs.add(c);
            }
        }
        Thread.sleep(500);
        try (Client pusher = Client.open(server, storeId)) {
            for (int i = 1; i <= pushes; i++) {
                sent[i] = System.nanoTime();
                pusher.pushBatches(i - 1, 1, 1, 1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                synchronized (signal) {
                    while (arrived[i] == 0 && System.nanoTime() < deadline) signal.wait(100);
                }
                Thread.sleep(2);
            }
        }
        for (AutoCloseable c : subs) c.close();
        for (int s = 0; s < frames.size(); s++) {
            List<byte[]> mine = frames.get(s);
            for (int k = 1; k < mine.size(); k++) {
                ServerFrame f = SyncCodec.decodeServer(new String(mine.get(k), java.nio.charset.StandardCharsets.UTF_8));
                if (!(f instanceof ServerFrame.Chunk c) || c.values().get(0).batch().size() != 1
                    || c.values().get(0).batch().get(0).eventEncoded().seqNum() != k) {
                    throw new IllegalStateException("subscriber " + s + ": frame " + k + " is not the chunk of event " + k + ": " + f);
                }
            }
        }
        double[] ms = new double[pushes];
        for (int i = 1; i <= pushes; i++) ms[i - 1] = arrived[i] == 0 ? Double.NaN : (arrived[i] - sent[i]) / 1e6;
        Arrays.sort(ms);
        System.out.printf("push -> last of %d live subscribers (%s): p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d pushes)%n",
            n, raw ? "raw sockets" : "JDK clients", ms[pushes / 2], ms[(int) Math.ceil(pushes * 0.99) - 1], ms[pushes - 1], pushes);
    }

    /** A minimal sync-cf client on the JDK's WebSocket. */
    static final class Client implements WebSocket.Listener, AutoCloseable {
        final String storeId;
        final BlockingQueue<ServerFrame> exits = new LinkedBlockingQueue<>();
        final BlockingQueue<ServerFrame.Chunk> chunks = new LinkedBlockingQueue<>();
        volatile java.util.function.LongConsumer onChunk;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;        // one of these two
        private RawWsClient raw;

        Client(String storeId) {
            this.storeId = storeId;
        }

        /** On a {@link RawWsClient} unless {@code -Dclient=jdk} (java.net.http: its text encoding and masking cost the pusher ~2x more CPU). */
        static Client open(SyncServer server, String storeId) throws Exception {
            return open(server, storeId, !"jdk".equals(System.getProperty("client", "raw")));
        }

        static Client open(SyncServer server, String storeId, boolean raw) throws Exception {
            Client c = new Client(storeId);
            URI uri = URI.create(server.uri() + "/?" + SyncUrl.query(storeId, Optional.empty(), "ws"));
            if (raw) c.raw = RawWsClient.connect(uri, bytes -> c.received(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
            else c.ws = HTTP.newWebSocketBuilder().buildAsync(uri, c).get(10, TimeUnit.SECONDS);
            return c;
        }

        String nextId() {
            return Integer.toString(IDS.getAndIncrement());
        }

        synchronized void send(String text) throws Exception {
            if (raw != null) raw.sendText(text);
            else ws.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void received(String text) {
            ServerFrame f = SyncCodec.decodeServer(text);
            if (f instanceof ServerFrame.Chunk c) {
                java.util.function.LongConsumer l = onChunk;
                if (l != null) {
                    for (PullResponse r : c.values()) for (var e : r.batch()) l.accept(e.eventEncoded().seqNum());
                } else {
                    chunks.add(c);
                }
            } else {
                exits.add(f);
            }
        }

        /** Pushes {@code n} events after {@code head} in batches of {@code size}, with up to {@code inFlight} unacknowledged. */
        void pushBatches(long head, int n, int size, int inFlight) throws Exception {
            int pending = 0;
            long next = head;
            long end = head + n;
            while (next < end || pending > 0) {
                while (next < end && pending < inFlight) {
                    List<EncodedEvent> batch = new ArrayList<>(size);
                    for (int i = 0; i < size && next < end; i++) {
                        next++;
                        batch.add(new EncodedEvent("v1.TodoCreated", new RawJson("{\"id\":\"t" + next + "\",\"text\":\"buy milk and bread, item " + next + "\"}"),
                            next, next - 1, "load", "load-s"));
                    }
                    send(SyncCodec.encode(new ClientFrame.Request(nextId(), RpcGroup.WS, new SyncRequest.Push(storeId, Optional.empty(), batch, Optional.empty()))));
                    pending++;
                }
                ServerFrame f = exits.poll(30, TimeUnit.SECONDS);
                if (f == null) throw new IllegalStateException("no ack in 30 s");
                if (!(f instanceof ServerFrame.Exit x) || !(x.exit() instanceof ExitResult.Success)) throw new IllegalStateException("push refused: " + f);
                pending--;
            }
        }

        /** A non-live pull from nothing until its end; returns the number of events. */
        long catchUp() throws Exception {
            send(SyncCodec.encode(new ClientFrame.Request(nextId(), RpcGroup.WS, new SyncRequest.Pull(storeId, Optional.empty(), Optional.<Cursor>empty(), false))));
            long n = 0;
            while (true) {
                ServerFrame.Chunk c = chunks.poll(30, TimeUnit.SECONDS);
                if (c == null) throw new IllegalStateException("catch-up stalled after " + n + " events");
                n += c.values().get(0).batch().size();
                if (c.values().get(0).pageInfo() instanceof PageInfo.NoMore) return n;
            }
        }

        @Override
        public void close() {
            if (raw != null) raw.close();
            else ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
