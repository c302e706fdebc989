package dev.livestorejvm.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecyclers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Writes frames as compact JSON in the field order sync-cf's own peers use; raw JSON values are copied as they are. */
final class FrameEncoder {
    private static final JsonFactory FACTORY = new JsonFactory();
    // the field names written once per event, quoted once here: Jackson otherwise scans each name for escapes
    // on every write, which was a tenth of the committing thread's time for 100-event batches
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString ARGS = new SerializedString("args");
    private static final SerializedString SEQ_NUM = new SerializedString("seqNum");
    private static final SerializedString PARENT_SEQ_NUM = new SerializedString("parentSeqNum");
    private static final SerializedString CLIENT_ID = new SerializedString("clientId");
    private static final SerializedString SESSION_ID = new SerializedString("sessionId");
    private static final SerializedString EVENT_ENCODED = new SerializedString("eventEncoded");
    private static final SerializedString METADATA = new SerializedString("metadata");
    private static final SerializedString TAG = new SerializedString("_tag");
    private static final SerializedString VALUE = new SerializedString("value");

    private FrameEncoder() {}

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static String write(Body body) {
        SegmentedStringWriter out = new SegmentedStringWriter(BufferRecyclers.getBufferRecycler());
        try {
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                body.write(g);
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void client(JsonGenerator g, ClientFrame frame) throws IOException {
        g.writeStartObject();
        if (frame instanceof ClientFrame.Request r) {
            g.writeStringField("_tag", "Request");
            g.writeStringField("id", r.id());
            g.writeStringField("tag", r.group().tag(r.payload()));
            if (r.trace().isPresent()) {
                g.writeStringField("traceId", r.trace().get().traceId());
                g.writeStringField("spanId", r.trace().get().spanId());
                g.writeBooleanField("sampled", r.trace().get().sampled());
            }
            g.writeArrayFieldStart("headers");
            for (ClientFrame.Header h : r.headers()) {
                g.writeStartArray();
                g.writeString(h.name());
                g.writeString(h.value());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeFieldName("payload");
            request(g, r.payload());
        } else if (frame instanceof ClientFrame.Ack a) {
            g.writeStringField("_tag", "Ack");
            g.writeStringField("requestId", a.requestId());
        } else if (frame instanceof ClientFrame.Interrupt i) {
            g.writeStringField("_tag", "Interrupt");
            g.writeStringField("requestId", i.requestId());
        } else if (frame instanceof ClientFrame.Eof e) {
            g.writeStringField("_tag", "Eof");
        } else if (frame instanceof ClientFrame.Ping p) {
            g.writeStringField("_tag", "Ping");
        }
        g.writeEndObject();
    }

    private static void request(JsonGenerator g, SyncRequest request) throws IOException {
        g.writeStartObject();
        g.writeStringField("storeId", request.storeId());
        if (request.payload().isPresent()) {
            g.writeFieldName("payload");
            g.writeRawValue(request.payload().get().json());
        }
        if (request instanceof SyncRequest.Pull p) {
            g.writeBooleanField("live", p.live());
            g.writeFieldName("cursor");
            option(g, p.cursor(), c -> {
                g.writeStartObject();
                g.writeStringField("backendId", c.backendId());
                g.writeNumberField("eventSequenceNumber", c.eventSequenceNumber());
                g.writeEndObject();
            });
        } else if (request instanceof SyncRequest.Push p) {
            g.writeArrayFieldStart("batch");
            for (EncodedEvent e : p.batch()) event(g, e);
            g.writeEndArray();
            g.writeFieldName("backendId");
            option(g, p.backendId(), g::writeString);
        } else if (request instanceof SyncRequest.Ping p) {
        }
        g.writeEndObject();
    }

    static void event(JsonGenerator g, EncodedEvent e) throws IOException {
        g.writeStartObject();
        g.writeFieldName(NAME);
        g.writeString(e.name());
        g.writeFieldName(ARGS);
        g.writeRawValue(e.args().json());
        g.writeFieldName(SEQ_NUM);
        g.writeNumber(e.seqNum());
        g.writeFieldName(PARENT_SEQ_NUM);
        g.writeNumber(e.parentSeqNum());
        g.writeFieldName(CLIENT_ID);
        g.writeString(e.clientId());
        g.writeFieldName(SESSION_ID);
        g.writeString(e.sessionId());
        g.writeEndObject();
    }

    interface ValueWriter<T> {
        void write(T value) throws IOException;
    }

    static <T> void option(JsonGenerator g, Optional<T> value, ValueWriter<T> some) throws IOException {
        g.writeStartObject();
        g.writeFieldName(TAG);
        if (value.isEmpty()) {
            g.writeString("None");
        } else {
            g.writeString("Some");
            g.writeFieldName(VALUE);
            some.write(value.get());
        }
        g.writeEndObject();
    }

    static void server(JsonGenerator g, ServerFrame frame) throws IOException {
        g.writeStartObject();
        if (frame instanceof ServerFrame.Chunk c) {
            g.writeStringField("_tag", "Chunk");
            g.writeStringField("requestId", c.requestId());
            g.writeArrayFieldStart("values");
            for (PullResponse r : c.values()) pullResponse(g, r);
            g.writeEndArray();
        } else if (frame instanceof ServerFrame.Exit x) {
            g.writeStringField("_tag", "Exit");
            g.writeStringField("requestId", x.requestId());
            g.writeFieldName("exit");
            exit(g, x.exit());
        } else if (frame instanceof ServerFrame.Pong p) {
            g.writeStringField("_tag", "Pong");
        } else if (frame instanceof ServerFrame.Defect d) {
            g.writeStringField("_tag", "Defect");
            g.writeFieldName("defect");
            g.writeRawValue(d.defect().json());
        }
        g.writeEndObject();
    }

    static void pullResponse(JsonGenerator g, PullResponse r) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("batch");
        for (PullEvent e : r.batch()) pullEvent(g, e);
        g.writeEndArray();
        g.writeObjectFieldStart("pageInfo");
        if (r.pageInfo() instanceof PageInfo.NoMore n) {
            g.writeStringField("_tag", "NoMore");
        } else if (r.pageInfo() instanceof PageInfo.MoreUnknown m) {
            g.writeStringField("_tag", "MoreUnknown");
        } else if (r.pageInfo() instanceof PageInfo.MoreKnown k) {
            g.writeStringField("_tag", "MoreKnown");
            g.writeNumberField("remaining", k.remaining());
        }
        g.writeEndObject();
        g.writeStringField("backendId", r.backendId());
        g.writeEndObject();
    }

    static void pullEvent(JsonGenerator g, PullEvent e) throws IOException {
        g.writeStartObject();
        g.writeFieldName(EVENT_ENCODED);
        event(g, e.eventEncoded());
        g.writeFieldName(METADATA);
        option(g, e.metadata(), m -> g.writeRawValue(m.json()));
        g.writeEndObject();
    }

    private static void exit(JsonGenerator g, ExitResult exit) throws IOException {
        g.writeStartObject();
        if (exit instanceof ExitResult.Success s) {
            g.writeStringField("_tag", "Success");
            if (s.value().isPresent()) {   // absent: void, as Effect's server writes a stream's end
                g.writeFieldName("value");
                g.writeRawValue(s.value().get().json());
            }
        } else if (exit instanceof ExitResult.Failure f) {
            g.writeStringField("_tag", "Failure");
            g.writeObjectFieldStart("cause");
            g.writeStringField("_tag", "Fail");
            g.writeFieldName("error");
            error(g, f.error());
            g.writeEndObject();
        } else if (exit instanceof ExitResult.Die d) {
            g.writeStringField("_tag", "Failure");
            g.writeObjectFieldStart("cause");
            g.writeStringField("_tag", "Die");
            g.writeFieldName("defect");
            g.writeRawValue(d.defect().json());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void error(JsonGenerator g, SyncError error) throws IOException {
        g.writeStartObject();
        g.writeStringField("_tag", error.tag());
        if (error instanceof SyncError.ServerAheadError s) {
            g.writeNumberField("minimumExpectedNum", s.minimumExpectedNum());
            g.writeNumberField("providedNum", s.providedNum());
        } else if (error instanceof SyncError.BackendIdMismatchError b) {
            g.writeStringField("expected", b.expected());
            g.writeStringField("received", b.received());
        } else if (error instanceof SyncError.UnknownError u) {
            g.writeFieldName("cause");
            g.writeRawValue(u.cause().json());
            if (u.note().isPresent()) g.writeStringField("note", u.note().get());
        }
        g.writeEndObject();
    }

    static void list(JsonGenerator g, List<ServerFrame> frames) throws IOException {
        g.writeStartArray();
        for (ServerFrame f : frames) server(g, f);
        g.writeEndArray();
    }
}
