package dev.livestorejvm.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON text ⇄ frames of sync-cf's Effect-RPC protocol. Thread-safe, no I/O. Decoding throws
 * {@link ProtocolException} with the frame's tag, request id and the offending field.
 */
public final class SyncCodec {
    private SyncCodec() {}

    public static ClientFrame decodeClient(String text) {
        return FrameDecoder.client(FrameDecoder.parse(text, "client frame"));
    }

    public static ServerFrame decodeServer(String text) {
        return FrameDecoder.server(FrameDecoder.parse(text, "server frame"));
    }

    /** An HTTP transport response body: a JSON array of server frames. */
    public static List<ServerFrame> decodeServerArray(String text) {
        JsonNode node = FrameDecoder.parse(text, "HTTP response");
        if (!node.isArray()) throw new ProtocolException("HTTP response: expected a JSON array of frames, got " + FrameDecoder.kind(node));
        List<ServerFrame> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            try {
                out.add(FrameDecoder.server(node.get(i)));
            } catch (ProtocolException e) {
                throw new ProtocolException("HTTP response [" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static String encode(ClientFrame frame) {
        return FrameEncoder.write(g -> FrameEncoder.client(g, frame));
    }

    public static String encode(ServerFrame frame) {
        return FrameEncoder.write(g -> FrameEncoder.server(g, frame));
    }

    public static String encodeArray(List<ServerFrame> frames) {
        return FrameEncoder.write(g -> FrameEncoder.list(g, frames));
    }

    /** One pull response as JSON, so a broadcast encodes its events once for all subscribers ({@link #chunkFrame}). */
    public static String encodePullResponse(PullResponse response) {
        return FrameEncoder.write(g -> FrameEncoder.pullResponse(g, response));
    }

    /** A {@code Chunk} frame around one pull response already encoded by {@link #encodePullResponse}. */
    public static String chunkFrame(String requestId, String encodedPullResponse) {
        return FrameEncoder.write(g -> {
            g.writeStartObject();
            g.writeStringField("_tag", "Chunk");
            g.writeStringField("requestId", requestId);
            g.writeArrayFieldStart("values");
            g.writeRawValue(encodedPullResponse);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** A JSON array of pull items {@code [{eventEncoded, metadata}, ...]}, as a storage may keep a batch. */
    public static String encodePullEvents(List<PullEvent> events) {
        return FrameEncoder.write(g -> {
            g.writeStartArray();
            for (PullEvent e : events) FrameEncoder.pullEvent(g, e);
            g.writeEndArray();
        });
    }

    public static List<PullEvent> decodePullEvents(String text) {
        JsonNode node = FrameDecoder.parse(text, "pull items");
        if (!node.isArray()) throw new ProtocolException("pull items: expected a JSON array, got " + FrameDecoder.kind(node));
        List<PullEvent> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) out.add(FrameDecoder.pullEvent(new FrameDecoder.Fields(node.get(i), "pull items[" + i + "]")));
        return out;
    }

    /** One encoded event ({@code {name,args,seqNum,parentSeqNum,clientId,sessionId}}), e.g. a line of an export. */
    public static EncodedEvent decodeEvent(String text) {
        return FrameDecoder.event(new FrameDecoder.Fields(FrameDecoder.parse(text, "event"), "event"));
    }

    /** One encoded event as JSON; its UTF-8 length is what the 900 KB chunk limit counts. */
    public static String encodeEvent(EncodedEvent event) {
        return FrameEncoder.write(g -> FrameEncoder.event(g, event));
    }
}
