package dev.livestorejvm.server.postgres;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A stored row as the JSON text of one pull item ({@code {eventEncoded, metadata}}), written straight from the
 * columns: args and metadata are already the client's JSON text, so nothing is decoded or re-encoded. The
 * text is the protocol codec's ({@code SyncCodec.encodePullEvent}) to the byte: same field order, and the
 * strings quoted by the same Jackson escaper its generator uses.
 */
final class PullItemText {
    private PullItemText() {}

    static String of(EventRow r) {
        StringBuilder sb = new StringBuilder(160 + r.args().length() + (r.metadata() == null ? 0 : r.metadata().length()));
        sb.append("{\"eventEncoded\":{\"name\":");
        quote(sb, r.name());
        sb.append(",\"args\":").append(r.args());
        sb.append(",\"seqNum\":").append(r.seq());
        sb.append(",\"parentSeqNum\":").append(r.parentSeq());
        sb.append(",\"clientId\":");
        quote(sb, r.clientId());
        sb.append(",\"sessionId\":");
        quote(sb, r.sessionId());
        sb.append("},\"metadata\":");
        if (r.metadata() == null) {
            sb.append("{\"_tag\":\"None\"}");
        } else {
            sb.append("{\"_tag\":\"Some\",\"value\":").append(r.metadata()).append('}');
        }
        return sb.append('}').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        sb.append('"');
    }
}
