package dev.livestorejvm.server.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.SyncCodec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A row written as pull-item text is, to the byte, what the protocol codec writes for the same event. */
class PullItemTextTest {
    @Test
    void writesWhatTheCodecWritesForOddStringsAndBothMetadataForms() {
        String odd = "é \"q\" \\ \u0000 \u001f \t\n 😀 </script> \u2028";
        for (String metadata : new String[] {null, "{\"_tag\":\"SyncMessage.SyncMetadata\",\"createdAt\":\"2026-01-01T00:00:00Z\"}"}) {
            for (List<String> s : List.of(List.of("v1.TodoCreated", "c1", "s1"), List.of(odd, odd, odd))) {
                EventRow row = new EventRow(7, 6, s.get(0), "{\"text\":\"" + "\\u00e9 x" + "\",\"n\":[1, 2.5 ,null]}", s.get(1), s.get(2), metadata);
                PullEvent event = new PullEvent(
                    new EncodedEvent(row.name(), new RawJson(row.args()), 7, 6, row.clientId(), row.sessionId()),
                    Optional.ofNullable(metadata).map(RawJson::new));
                assertEquals(SyncCodec.encodePullEvent(event), PullItemText.of(row), "metadata " + metadata + ", strings " + s);
                assertEquals(List.of(event), SyncCodec.decodePullEvents("[" + PullItemText.of(row) + "]"), "reads back as the same event");
            }
        }
    }
}
