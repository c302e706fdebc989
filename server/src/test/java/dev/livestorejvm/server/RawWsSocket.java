package dev.livestorejvm.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a bare socket (RFC 6455 framing by hand), so a test can stop reading in the
 * middle of a frame and drop the connection abruptly (a TCP reset), which no WebSocket library lets it do.
 */
final class RawWsSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWsSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawWsSocket connect(SyncServer server, String pathAndQuery) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        RawWsSocket ws = new RawWsSocket(s);
        ws.out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String head = ws.readHead();
        if (!head.startsWith("HTTP/1.1 101")) throw new IOException("upgrade refused: " + head);
        return ws;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            b.write(in.readUnsignedByte());
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') return b.toString(StandardCharsets.US_ASCII);
        }
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) f.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) f.write(payload[i] ^ mask[i & 3]);
        out.write(f.toByteArray());
        out.flush();
    }

    /** The header of the next server frame: its opcode and payload length. */
    record FrameHeader(int opcode, boolean fin, long length) {}

    FrameHeader readHeader() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) != 0) throw new IOException("a server frame must not be masked");
        long len = b1 & 0x7f;
        if (len == 126) len = in.readUnsignedShort();
        else if (len == 127) len = in.readLong();
        return new FrameHeader(b0 & 0x0f, (b0 & 0x80) != 0, len);
    }

    byte[] readPayload(long length) throws IOException {
        byte[] p = new byte[(int) length];
        in.readFully(p);
        return p;
    }

    /** The next whole text message (continuation frames joined). */
    String readText() throws IOException {
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        while (true) {
            FrameHeader h = readHeader();
            if (h.opcode() != 0x1 && h.opcode() != 0x0) throw new IOException("expected a text frame, got opcode " + h.opcode());
            msg.write(readPayload(h.length()));
            if (h.fin()) return msg.toString(StandardCharsets.UTF_8);
        }
    }

    /** Drops the connection with a TCP reset: no close frame, unread data discarded. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
