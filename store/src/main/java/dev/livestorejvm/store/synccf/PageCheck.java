package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import java.util.List;
import java.util.Optional;

/**
 * What one pull has seen, and the rules its pages must keep: events chained onto the last one seen
 * ({@code parentSeqNum} = the previous {@code seqNum}, {@code seqNum} = parent + 1, the first onto the
 * cursor), one backendId per pull, no negative {@code remaining}. A whole chunk is checked before any
 * of it is delivered.
 */
final class PageCheck {
    private long lastSeen;
    private String backendId;
    private final String cursorBackendId;

    PageCheck(Optional<Cursor> cursor) {
        this.lastSeen = cursor.map(Cursor::eventSequenceNumber).orElse(0L);
        this.cursorBackendId = cursor.map(Cursor::backendId).orElse(null);
    }

    long lastSeen() {
        return lastSeen;
    }

    /** The backendId of the pull's cursor if it differs from {@code page}'s (the server should have refused the pull), else null. */
    String mismatch(List<PullResponse> pages) {
        for (PullResponse p : pages) {
            if (cursorBackendId != null && !cursorBackendId.equals(p.backendId())) return cursorBackendId;
        }
        return null;
    }

    /** Null when the pages keep the rules (and then records them as seen); else what is wrong. */
    String accept(List<PullResponse> pages) {
        long last = lastSeen;
        String backend = backendId;
        for (int i = 0; i < pages.size(); i++) {
            PullResponse p = pages.get(i);
            if (backend != null && !backend.equals(p.backendId())) return "values[" + i + "]: backendId changed from " + backend + " to " + p.backendId() + " within one pull";
            backend = p.backendId();
            if (p.pageInfo() instanceof PageInfo.MoreKnown k && k.remaining() < 0) return "values[" + i + "]: MoreKnown with negative remaining " + k.remaining();
            for (PullEvent pe : p.batch()) {
                long seq = pe.eventEncoded().seqNum();
                long parent = pe.eventEncoded().parentSeqNum();
                if (seq <= last) return "values[" + i + "]: event " + seq + " is at or below " + last + ", already seen on this pull (duplicate or out of order)";
                if (parent != last || seq != parent + 1) return "values[" + i + "]: event " + seq + " with parent " + parent + " does not chain onto " + last + " (gap or out of order)";
                last = seq;
            }
        }
        lastSeen = last;
        backendId = backend;
        return null;
    }
}
