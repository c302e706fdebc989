package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncUrl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** sync-cf's push limits: at most 100 events and 900,000 bytes of encoded events per request. */
public final class PushBatches {
    public static final int MAX_EVENTS = SyncUrl.MAX_EVENTS_PER_MESSAGE;
    public static final int MAX_BYTES = SyncUrl.MAX_MESSAGE_BYTES;

    private PushBatches() {}

    /** Cuts {@code events} into batches within the limits, in order. An event alone over the byte limit is refused. */
    public static List<List<EncodedEvent>> split(List<EncodedEvent> events) {
        List<List<EncodedEvent>> out = new ArrayList<>();
        List<EncodedEvent> current = new ArrayList<>();
        long bytes = 0;
        for (EncodedEvent e : events) {
            int size = bytes(e);
            if (size > MAX_BYTES) throw new IllegalArgumentException("event " + e.seqNum() + " (" + e.name() + ") encodes to " + size + " bytes, over the push limit of " + MAX_BYTES);
            if (!current.isEmpty() && (current.size() == MAX_EVENTS || bytes + size > MAX_BYTES)) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(e);
            bytes += size;
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    /** Refuses a batch a sync-cf server would refuse for its size. */
    static void check(List<EncodedEvent> batch) {
        if (batch.isEmpty()) throw new IllegalArgumentException("push of an empty batch");
        if (batch.size() > MAX_EVENTS) throw new IllegalArgumentException("push of " + batch.size() + " events; the limit is " + MAX_EVENTS + " (PushBatches.split)");
        long bytes = 0;
        for (EncodedEvent e : batch) bytes += bytes(e);
        if (bytes > MAX_BYTES) throw new IllegalArgumentException("push of " + bytes + " bytes of events; the limit is " + MAX_BYTES + " (PushBatches.split)");
    }

    static int bytes(EncodedEvent e) {
        return SyncCodec.encodeEvent(e).getBytes(StandardCharsets.UTF_8).length;
    }
}
