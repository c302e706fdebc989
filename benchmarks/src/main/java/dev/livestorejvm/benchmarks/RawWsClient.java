package dev.livestorejvm.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A minimal WebSocket client (RFC 6455, text frames, no extensions) on a blocking socket with its own
 * reader thread: what a latency benchmark's many subscribers need to stand in for separate client
 * machines. Each message is handed to {@code onMessage} the moment its last byte is read, on that
 * socket's own thread, so 50 subscribers do not queue behind one selector thread and one decoder as
 * they do with {@code java.net.http.WebSocket} clients sharing an {@code HttpClient}.
 */
final class RawWsClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Thread reader;
    private volatile boolean closing;

    private RawWsClient(Socket socket, DataInputStream in, Consumer<byte[]> onMessage) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = in;
        this.reader = new Thread(() -> readLoop(onMessage), "raw-ws-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to {@code ws://host:port/path?query}; each text message's UTF-8 bytes go to {@code onMessage}. */
    static RawWsClient connect(URI uri, Consumer<byte[]> onMessage) throws IOException {
        Socket s = new Socket(uri.getHost(), uri.getPort());
        s.setTcpNoDelay(true);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("WebSocket upgrade refused: " + head.lines().findFirst().orElse(head));
        }
        return new RawWsClient(s, in, onMessage);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) throw new IOException("connection closed during the WebSocket upgrade");
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one text message (masked, as a client must). */
    synchronized void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        sendFrame(0x1, payload, mask);
    }

    private void sendFrame(int opcode, byte[] payload, byte[] mask) throws IOException {
        int n = payload.length;
        byte[] header = new byte[14];
        int h = 0;
        header[h++] = (byte) (0x80 | opcode);
        if (n < 126) {
            header[h++] = (byte) (0x80 | n);
        } else if (n < 65536) {
            header[h++] = (byte) (0x80 | 126);
            header[h++] = (byte) (n >>> 8);
            header[h++] = (byte) n;
        } else {
            header[h++] = (byte) (0x80 | 127);
            for (int i = 7; i >= 0; i--) header[h++] = (byte) ((long) n >>> (8 * i));
        }
        System.arraycopy(mask, 0, header, h, 4);
        h += 4;
        byte[] frame = new byte[h + n];
        System.arraycopy(header, 0, frame, 0, h);
        for (int i = 0; i < n; i++) frame[h + i] = (byte) (payload[i] ^ mask[i & 3]);
        out.write(frame);
        out.flush();
    }

    private void readLoop(Consumer<byte[]> onMessage) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long n = b1 & 0x7f;
                if (n == 126) n = in.readUnsignedShort();
                else if (n == 127) n = in.readLong();
                if ((b1 & 0x80) != 0) throw new IOException("a server frame must not be masked");
                byte[] payload = new byte[Math.toIntExact(n)];
                in.readFully(payload);
                int opcode = b0 & 0x0f;
                boolean fin = (b0 & 0x80) != 0;
                if (opcode == 0x9) {
                    synchronized (this) {
                        sendFrame(0xA, payload, new byte[4]);
                    }
                } else if (opcode == 0x8) {
                    return;
                } else if (opcode == 0x1 || opcode == 0x0) {
                    if (fin && message.size() == 0) {
                        onMessage.accept(payload);
                    } else {
                        message.write(payload);
                        if (fin) {
                            onMessage.accept(message.toByteArray());
                            message.reset();
                        }
                    }
                }
            }
        } catch (IOException e) {
            if (!closing) System.err.println("raw WebSocket client: " + e);
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            synchronized (this) {
                sendFrame(0x8, new byte[] {0x03, (byte) 0xe8}, new byte[4]);
            }
        } catch (IOException ignored) {
            // already gone
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
