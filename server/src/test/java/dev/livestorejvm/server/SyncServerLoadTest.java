package dev.livestorejvm.server;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncError;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients on several stores, each pushing and live-pulling like a LiveStore leader (rebase on
 * ServerAheadError: adopt the head, renumber, push again): every client ends with the same log of its
 * store, every accepted event exactly once, no store sees another's events. And a client that does not
 * read is disconnected without slowing the others. Small by default; {@code -Dfull=true}: 100 clients ×
 * 50 events on 10 stores.
 */
class SyncServerLoadTest {
    @TempDir
    Path dir;
    SyncServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void manyClientsOnSeveralStoresConvergeWithEveryEventOnce() throws Exception {
        boolean full = Boolean.getBoolean("full");
        int clients = full ? 100 : 12;
        int events = full ? 50 : 10;
        int stores = full ? 10 : 3;
        server = SyncServer.builder(new SqliteStorage(dir)).build().start();
        List<Thread> threads = new ArrayList<>();
        List<List<EncodedEvent>> logs = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int c = 0; c < clients; c++) {
            String storeId = "store-" + (c % stores);
            String clientId = "client-" + c;
            List<EncodedEvent> log = new ArrayList<>();
            logs.add(log);
            Thread t = new Thread(() -> {
                try (WsTestClient ws = WsTestClient.connect(server, storeId)) {
                    String pull = ws.pull(Optional.empty(), true);
                    long head = 0;
                    int pushed = 0;
                    String push = null;
                    long expectedTotal = (long) events * ((clients / stores) + (clients % stores > (Integer.parseInt(storeId.substring(6))) ? 1 : 0));
                    while (log.size() < expectedTotal || push != null) {
                        if (push == null && pushed < events) {
                            EncodedEvent e = new EncodedEvent("v1.E", new RawJson("{\"c\":\"" + clientId + "\",\"i\":" + pushed + "}"), head + 1, head, clientId, clientId + "-s");
                            push = ws.push(List.of(e), Optional.empty());
                        }
                        ServerFrame f = ws.next();
                        if (f instanceof ServerFrame.Chunk ch && ch.requestId().equals(pull)) {
                            for (PullResponse r : ch.values()) for (PullEvent e : r.batch()) {
                                assertEquals(log.size() + 1, e.eventEncoded().seqNum(), clientId + ": gap or duplicate");
                                log.add(e.eventEncoded());
                                head = e.eventEncoded().seqNum();
                            }
                        } else if (f instanceof ServerFrame.Exit x && x.requestId().equals(push)) {
                            if (x.exit() instanceof ExitResult.Success) pushed++;
                            else assertInstanceOf(SyncError.ServerAheadError.class, ((ExitResult.Failure) x.exit()).error());
                            push = null;   // refused: wait for the pull to bring the head, then push again on top of it
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join(300_000);
        assertEquals(List.of(), failures);
        for (int s = 0; s < stores; s++) {
            List<EncodedEvent> reference = null;
            Set<String> seen = new HashSet<>();
            for (int c = s; c < clients; c += stores) {
                List<EncodedEvent> log = logs.get(c);
                if (reference == null) {
                    reference = log;
                    for (EncodedEvent e : log) {
                        assertTrue(seen.add(e.args().json()), "an event twice: " + e);
                        assertEquals(s, Integer.parseInt(e.clientId().substring(7)) % stores, "another store's event");
                    }
                } else {
                    assertEquals(reference, log, "client " + c + " has the same log as its store's first client");
                }
            }
            assertEquals((long) events * ((clients + stores - 1 - s) / stores), seen.size());
        }
    }

    @Test
    void aClientThatDoesNotReadIsDisconnectedAndOthersAreNotSlowed() throws Exception {
        server = SyncServer.builder(new SqliteStorage(dir)).maxQueuedChars(500_000).build().start();
        // the JDK client reads only when asked: asking for nothing makes it a client that never reads
        CompletableFuture<Integer> closed = new CompletableFuture<>();   // (the client never reads, so it may never see the close)
        WebSocket slow = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
            URI.create(server.uri() + "/?storeId=s&transport=ws"), new WebSocket.Listener() {
                @Override
                public void onOpen(WebSocket ws) {}

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closed.complete(code);
                    return null;
                }

                @Override
                public void onError(WebSocket ws, Throwable error) {
                    closed.complete(-1);
                }
            }).get(10, TimeUnit.SECONDS);
        slow.sendText("{\"_tag\":\"Request\",\"id\":\"0\",\"tag\":\"SyncWsRpc.Pull\",\"headers\":[],\"payload\":{\"storeId\":\"s\",\"live\":true,\"cursor\":{\"_tag\":\"None\"}}}", true).get();
        try (WsTestClient pusher = WsTestClient.connect(server, "s"); WsTestClient reader = WsTestClient.connect(server, "s")) {
            String pull = reader.pull(Optional.empty(), true);
            reader.chunk(pull);
            String big = "z".repeat(2_000);
            long head = 0;
            long received = 0;
            long until = System.currentTimeMillis() + 10_000;
            while (server.liveSubscriptions("s") < 2 && System.currentTimeMillis() < until) Thread.sleep(10);
            assertEquals(2, server.liveSubscriptions("s"), "the slow client's and the reader's live pulls");
            for (int b = 0; b < 200 && server.liveSubscriptions("s") > 1; b++) {
                List<EncodedEvent> batch = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    head++;
                    batch.add(new EncodedEvent("v1.Big", new RawJson("\"" + big + "\""), head, head - 1, "p", "p-s"));
                }
                String id = pusher.push(batch, Optional.empty());
                assertEquals(new ExitResult.Success(RawJson.EMPTY_OBJECT), pusher.exit(id).exit(), "the pusher is not held up");
                for (PullResponse r : reader.chunk(pull).values()) received += r.batch().size();
            }
            assertEquals(head, received, "the reading client got everything");
            assertEquals(1, server.liveSubscriptions("s"), "the slow client was dropped and its subscription freed");
            assertTrue(server.metrics().openConnections() <= 2, "only the pusher and the reader are left");
        }
    }
}
