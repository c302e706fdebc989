package dev.livestorejvm.server;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A WebSocket's outgoing frames: queued in order, written one at a time, bounded in bytes. A client that
 * does not read fills its queue and is disconnected (1008) instead of growing the server's memory or
 * slowing the publishers: {@link #send} never blocks. Frames given to {@link #sendSoon} are written by the
 * server's fan-out threads (when it has them), so the writes to a store's many subscribers run in parallel
 * instead of one after the other on the committing thread.
 */
final class WsPeer implements Peer {
    private final Session session;
    private final long maxQueuedChars;
    private final Executor writer;   // null: every write on the sending thread
    private final Runnable scheduledPump = this::scheduledPump;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean writing;
    private boolean pumpOnCompletion;
    private boolean pumpScheduled;
    private boolean closed;

    WsPeer(Session session, long maxQueuedChars, Executor writer) {
        this.session = session;
        this.maxQueuedChars = maxQueuedChars;
        this.writer = writer;
    }

    @Override
    public void send(String frame) {
        if (queue(frame)) pump();
    }

    @Override
    public void sendSoon(String frame) {
        if (writer == null) {
            send(frame);
            return;
        }
        if (!queue(frame)) return;
        synchronized (this) {
            if (writing || pumpScheduled) return;   // whoever writes now takes this frame too, in order
            pumpScheduled = true;
        }
        try {
            writer.execute(scheduledPump);
        } catch (RejectedExecutionException e) {   // the server is stopping
            scheduledPump();
        }
    }

    private void scheduledPump() {
        synchronized (this) {
            pumpScheduled = false;
        }
        pump();
    }

    /** Queues a frame; false if it is not to be written (closed, or the client is too slow and is dropped). */
    private boolean queue(String frame) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) return false;
            queuedChars += frame.length();
            if (queuedChars > maxQueuedChars) overflow = true;
            else queue.add(frame);
        }
        if (overflow) {
            // its close frame would queue behind what it does not read: drop the connection
            close(1008, "client too slow: more than " + maxQueuedChars + " characters of frames unread");
            session.disconnect();
            return false;
        }
        return true;
    }

    private void pump() {
        while (true) {
            String next;
            synchronized (this) {
                if (writing || closed || queue.isEmpty()) return;
                next = queue.poll();
                writing = true;
            }
            int length = next.length();
            session.sendText(next, Callback.from(() -> written(length), this::failed));
            synchronized (this) {
                if (writing) {          // not completed inline: the completion pumps the rest
                    pumpOnCompletion = true;
                    return;
                }
            }
        }
    }

    private void written(int length) {
        boolean pump;
        synchronized (this) {
            writing = false;
            queuedChars -= length;
            pump = pumpOnCompletion;
            pumpOnCompletion = false;
        }
        if (pump) pump();
    }

    private void failed(Throwable t) {
        synchronized (this) {
            closed = true;
            writing = false;
            queue.clear();
        }
        session.disconnect();
    }

    @Override
    public void close(int code, String reason) {
        synchronized (this) {
            if (closed) return;
            closed = true;
            queue.clear();
        }
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public String describe() {
        return "ws " + session.getRemoteSocketAddress();
    }
}
