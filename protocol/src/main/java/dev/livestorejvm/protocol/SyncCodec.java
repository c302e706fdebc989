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
        ClientFrame fast = text == null ? null : StreamingDecoder.client(text);
        return fast != null ? fast : FrameDecoder.client(FrameDecoder.parse(text, "client frame"));
    }

    public static ServerFrame decodeServer(String text) {
        ServerFrame fast = text == null ? null : StreamingDecoder.server(text);
        return fast != null ? fast : FrameDecoder.server(FrameDecoder.parse(text, "server frame"));
    }

    /** An HTTP transport response body: a JSON array of server frames. */
    public static List<ServerFrame> decodeServerArray(String text) {
        List<ServerFrame> fast = text == null ? null : StreamingDecoder.serverArray(text);
        if (fast != null) return fast;
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
        String id = JsonText.string(requestId).json();
        return new StringBuilder(encodedPullResponse.length() + id.length() + 40)
            .append("{\"_tag\":\"Chunk\",\"requestId\":").append(id).append(",\"values\":[")
            .append(encodedPullResponse).append("]}").toString();
    }

    /**
     * A {@code Chunk} frame of one pull response whose batch items ({@code {eventEncoded, metadata}}) are
     * given as JSON text, e.g. as a storage keeps them ({@link #splitPullItems}): no decoding, no re-encoding.
     */
    public static String chunkFrameOfItems(String requestId, List<String> items, PageInfo pageInfo, String backendId) {
        String id = JsonText.string(requestId).json();
        int size = id.length() + backendId.length() + 120;
        for (String item : items) size += item.length() + 1;
        StringBuilder b = new StringBuilder(size).append("{\"_tag\":\"Chunk\",\"requestId\":").append(id)
            .append(",\"values\":[{\"batch\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) b.append(',');
            b.append(items.get(i));
        }
        b.append("],\"pageInfo\":");
        if (pageInfo instanceof PageInfo.MoreKnown k) b.append("{\"_tag\":\"MoreKnown\",\"remaining\":").append(k.remaining()).append('}');
        else if (pageInfo instanceof PageInfo.MoreUnknown) b.append("{\"_tag\":\"MoreUnknown\"}");
        else b.append("{\"_tag\":\"NoMore\"}");
        return b.append(",\"backendId\":").append(JsonText.string(backendId).json()).append("}]}").toString();
    }

    /** One pull item {@code {eventEncoded, metadata}} as JSON, as {@link #encodePullEvents} writes each. */
    public static String encodePullEvent(PullEvent event) {
        return FrameEncoder.write(g -> FrameEncoder.pullEvent(g, event));
    }

    /**
     * The items of a JSON array of pull items (as {@link #encodePullEvents} writes it), each as its own text,
     * cut out without decoding the events.
     */
    public static List<String> splitPullItems(String text) {
        List<String> items = JsonArrayItems.of(text);
        if (items != null) return items;
        List<String> out = new ArrayList<>();
        for (PullEvent e : decodePullEvents(text)) out.add(encodePullEvent(e));   // throws the error that names what is wrong
        return out;
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
        List<PullEvent> fast = text == null ? null : StreamingDecoder.pullEvents(text);
        if (fast != null) return fast;
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
