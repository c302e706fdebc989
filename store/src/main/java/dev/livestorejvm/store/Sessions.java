package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The sessions a leader serves, and the fan-out of what it tells them. */
final class Sessions {
    private final List<SessionEvents> joined = new CopyOnWriteArrayList<>();

    void add(SessionEvents s) {
        joined.add(s);
    }

    void remove(SessionEvents s) {
        joined.remove(s);
    }

    List<SessionEvents> all() {
        return List.copyOf(joined);
    }

    /** Queues {@code commit} in every session but the one that made it. */
    void accepted(PendingCommit commit) {
        for (SessionEvents s : joined) if (s != commit.origin()) s.accepted(commit);
    }

    void persisted() {
        for (SessionEvents s : joined) s.persisted();
    }

    /** Reloads every session; returns those to {@link #deliverPending} once the leader's locks are released. */
    List<SessionEvents> reloaded(byte[] image, Set<String> written, LeaderFailure failure) {
        List<SessionEvents> told = new ArrayList<>();
        for (SessionEvents s : joined) {
            s.reloaded(image, written, failure);
            told.add(s);
        }
        return told;
    }

    static void deliverPending(List<SessionEvents> told) {
        for (SessionEvents s : told) s.deliverPending();
    }
}
