package dev.livestorejvm.store;

/**
 * An event's sequence number {@code {global, client, rebaseGeneration}} (LiveStore's
 * {@code EventSequenceNumber.Client.Composite}): {@code client} is 0 for synced events and &gt; 0
 * for client-only events hanging off global event {@code global}. Ordered by global, client, then
 * rebase generation; printed as LiveStore does: {@code e5}, {@code e5.1}, {@code e5r1}.
 */
public record SeqNum(long global, long client, long rebaseGeneration) implements Comparable<SeqNum> {
    /** The parent of the first event. */
    public static final SeqNum ROOT = new SeqNum(0, 0, 0);

    /** The number after this one: a client-only event takes {@code client + 1}, a synced one {@code global + 1}. */
    public SeqNum next(boolean clientOnly) {
        return clientOnly ? new SeqNum(global, client + 1, rebaseGeneration) : new SeqNum(global + 1, 0, rebaseGeneration);
    }

    /**
     * The parent recorded for the event numbered {@link #next} from this head: the head itself for
     * a client-only event; for a synced event always {@code {global, 0, rebaseGeneration}}.
     */
    public SeqNum parentOfNext(boolean clientOnly) {
        return clientOnly ? this : new SeqNum(global, 0, rebaseGeneration);
    }

    @Override
    public int compareTo(SeqNum o) {
        int c = Long.compare(global, o.global);
        if (c == 0) c = Long.compare(client, o.client);
        if (c == 0) c = Long.compare(rebaseGeneration, o.rebaseGeneration);
        return c;
    }

    @Override
    public String toString() {
        return "e" + global + (client > 0 ? "." + client : "") + (rebaseGeneration > 0 ? "r" + rebaseGeneration : "");
    }
}
