package dev.livestorejvm.server.storage;

import dev.livestorejvm.protocol.PullEvent;
import java.util.List;

/** A page of a store's log, with the number of events of the requested range after it. */
public record EventPage(List<PullEvent> events, long remaining) {
    public EventPage {
        events = List.copyOf(events);
    }
}
