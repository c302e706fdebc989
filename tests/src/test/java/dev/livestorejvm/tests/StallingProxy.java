package dev.livestorejvm.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that can stall the server-to-client direction of the connections it holds, as a
 * starved client process or a busy network does: the bytes wait, nothing is closed. Connections accepted
 * after {@link #stallExisting} flow normally, so a client that gives up and reconnects gets through.
 */
final class StallingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();

    StallingProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "stalling-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** From now on, nothing the server sends on the connections open now reaches their clients. */
    void stallExisting() {
        for (Pair p : pairs) p.stalled = true;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Pair p = new Pair(client, server);
                pairs.add(p);
                accepted.incrementAndGet();
                pump(p, client.getInputStream(), server.getOutputStream(), false);
                pump(p, server.getInputStream(), client.getOutputStream(), true);
            } catch (IOException e) {
                // closed, or the server is gone: the client sees its connection fail
            }
        }
    }

    private static void pump(Pair p, InputStream from, OutputStream to, boolean toClient) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                while (true) {
                    while (toClient && p.stalled && !p.client.isClosed()) Thread.sleep(20);   // hold the bytes
                    int n = from.read(buf);
                    if (n < 0) break;
                    while (toClient && p.stalled && !p.client.isClosed()) Thread.sleep(20);
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed
            } finally {
                p.close();
            }
        }, "stalling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Pair p : pairs) p.close();
    }

    private static final class Pair {
        final Socket client;
        final Socket server;
        volatile boolean stalled;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void close() {
            try {
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
