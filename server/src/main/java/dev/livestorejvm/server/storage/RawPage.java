package dev.livestorejvm.server.storage;

import java.util.List;

/**
 * A page of a store's log as the JSON text of its pull items ({@code {eventEncoded, metadata}}, what a pull
 * chunk carries), so a catch-up copies stored text into frames without decoding it: the events
 * {@code firstSeqNum, firstSeqNum+1, ...} (the log is contiguous), and the number of events of the requested
 * range after them.
 */
public record RawPage(long firstSeqNum, List<String> items, long remaining) {
    public RawPage {
        items = List.copyOf(items);
    }

    /** The last seqNum of the page; {@code firstSeqNum - 1} when it is empty. */
    public long lastSeqNum() {
        return firstSeqNum + items.size() - 1;
    }
}
