package dev.livestorejvm.server;

/** Where a connection's frames go: a WebSocket (ordered, bounded, asynchronous) or an HTTP response being collected. */
interface Peer {
    /** Queues one frame; never blocks. Frames arrive in the order of the calls. */
    void send(String frame);

    /**
     * {@link #send}, for a publisher with many peers to serve: the write may happen on another thread, so that
     * one thread queueing a batch for 50 sockets does not also make the 50 writes one after the other. The
     * order with {@link #send} is kept (one queue per peer).
     */
    default void sendSoon(String frame) {
        send(frame);
    }

    /** Closes the connection with a WebSocket close code and a reason the client can read. */
    void close(int code, String reason);

    /** For log and error messages: the remote address and transport. */
    String describe();
}
