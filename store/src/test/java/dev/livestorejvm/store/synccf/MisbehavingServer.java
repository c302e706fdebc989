package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * A tiny sync-cf WebSocket server on 127.0.0.1 that serves a fixed log of events correctly, except on
 * the connections its script picks, where it misbehaves. It records every pull's cursor.
 */
public final class MisbehavingServer implements AutoCloseable {
    static final String BACKEND = "fake-backend";

    /** What one connection does with a client frame; {@link Conn#serve} is the correct answer. */
    interface Script {
        void onFrame(Conn conn, ClientFrame frame) throws Exception;
    }

    final List<EncodedEvent> log;
    final List<Optional<Cursor>> pullCursors = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final IntFunction<Script> scripts;
    private final Server jetty;
    private final ServerConnector connector;

    MisbehavingServer(List<EncodedEvent> log, IntFunction<Script> scripts) throws Exception {
        this.log = List.copyOf(log);
        this.scripts = scripts;
        jetty = new Server();
        connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(jetty, context);
        context.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                int index = connections.getAndIncrement();
                if (container.upgrade((rq, rs, cb) -> new Endpoint(MisbehavingServer.this, scripts.apply(index)), request, response, callback)) return true;
                response.setStatus(400);
                callback.succeeded();
                return true;
            }
        });
        jetty.setHandler(context);
        jetty.start();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    static String chunk(String requestId, List<EncodedEvent> events, PageInfo pageInfo) {
        List<PullEvent> batch = new ArrayList<>();
        for (EncodedEvent e : events) batch.add(new PullEvent(e, Optional.of(new RawJson("{\"_tag\":\"SyncMessage.SyncMetadata\",\"createdAt\":\"2026-01-01T00:00:00.000Z\"}"))));
        return SyncCodec.encode(new ServerFrame.Chunk(requestId, List.of(new PullResponse(batch, pageInfo, BACKEND))));
    }

    /** One accepted socket. */
    final class Conn {
        private final Session session;

        Conn(Session session) {
            this.session = session;
        }

        void send(String text) throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            session.sendText(text, org.eclipse.jetty.websocket.api.Callback.from(() -> done.complete(null), done::completeExceptionally));
            done.get(5, TimeUnit.SECONDS);
        }

        void sendBinary(byte[] bytes) throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            session.sendBinary(ByteBuffer.wrap(bytes), org.eclipse.jetty.websocket.api.Callback.from(() -> done.complete(null), done::completeExceptionally));
            done.get(5, TimeUnit.SECONDS);
        }

        /** Events of the log after the pull's cursor. */
        List<EncodedEvent> after(SyncRequest.Pull pull) {
            long from = pull.cursor().map(Cursor::eventSequenceNumber).orElse(0L);
            return log.stream().filter(e -> e.seqNum() > from).toList();
        }

        /** The correct answer: Pong, all events after the cursor in one NoMore chunk, push acks. */
        void serve(ClientFrame frame) throws Exception {
            if (frame instanceof ClientFrame.Ping) {
                send(SyncCodec.encode(new ServerFrame.Pong()));
            } else if (frame instanceof ClientFrame.Request r && r.payload() instanceof SyncRequest.Pull p) {
                send(chunk(r.id(), after(p), PageInfo.NO_MORE));
                if (!p.live()) send(SyncCodec.encode(new ServerFrame.Exit(r.id(), ExitResult.Success.VOID)));
            } else if (frame instanceof ClientFrame.Request r && r.payload() instanceof SyncRequest.Push) {
                send(SyncCodec.encode(new ServerFrame.Exit(r.id(), new ExitResult.Success(RawJson.EMPTY_OBJECT))));
            }
        }
    }

    /** Jetty's socket callbacks; public because Jetty binds them with a public lookup. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final MisbehavingServer server;
        private final Script script;
        private Conn conn;

        Endpoint(MisbehavingServer server, Script script) {
            this.server = server;
            this.script = script;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            conn = server.new Conn(session);
        }

        @Override
        public void onWebSocketText(String message) {
            try {
                ClientFrame f = SyncCodec.decodeClient(message);
                if (f instanceof ClientFrame.Request r && r.payload() instanceof SyncRequest.Pull p) server.pullCursors.add(p.cursor());
                script.onFrame(conn, f);
            } catch (Exception e) {
                // the client dropped the socket under us: expected in these tests
            }
        }
    }
}
