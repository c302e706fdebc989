package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.RawJson;
import java.util.ArrayList;
import java.util.List;

/** Global events as a LiveStore client pushes them: chained, one client. */
final class TestEvents {
    private TestEvents() {}

    static EncodedEvent event(long seq, String clientId) {
        return new EncodedEvent("v1.TodoCreated", new RawJson("{\"id\":\"" + clientId + "-" + seq + "\",\"text\":\"todo " + seq + "\"}"),
            seq, seq - 1, clientId, "s-" + clientId);
    }

    static List<EncodedEvent> batch(long fromSeq, int n, String clientId) {
        List<EncodedEvent> b = new ArrayList<>();
        for (long s = fromSeq; s < fromSeq + n; s++) b.add(event(s, clientId));
        return b;
    }
}
