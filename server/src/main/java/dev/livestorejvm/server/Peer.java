package dev.livestorejvm.server;

/** Where a connection's frames go: a WebSocket (ordered, bounded, asynchronous) or an HTTP response being collected. */
interface Peer {
    /** Queues one frame; never blocks. Frames arrive in the order of the calls. */
    void send(String frame);

    /** Closes the connection with a WebSocket close code and a reason the client can read. */
    void close(int code, String reason);

    /** For log and error messages: the remote address and transport. */
    String describe();
}
