package dev.livestorejvm.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The open leaders of this JVM: one per store directory (by its real path), or per
 * {@link StoreOptions} object for an in-memory store; counted references, closed with the last.
 */
final class LeaderRegistry {
    private static final Map<Object, Leader> OPEN = new HashMap<>();
    private static final Map<Leader, Integer> REFS = new HashMap<>();

    private LeaderRegistry() {}

    /** The leader of {@code o}'s store, opened if this JVM has none; pair every call with {@link #release}. */
    static Leader acquire(StoreOptions o) {
        Object key = key(o);
        synchronized (OPEN) {
            Leader l = OPEN.get(key);
            if (l == null) {
                l = Leader.open(o);
                OPEN.put(key, l);
            } else if (!l.schema().stateFileName().equals(o.schema.stateFileName())) {
                throw new StoreException(StoreException.Kind.STORE_IN_USE, "store directory " + o.storeDirectory()
                    + " is in use by another store of this process with another schema (" + l.schema().stateFileName()
                    + ", not " + o.schema.stateFileName() + ")");
            }
            REFS.merge(l, 1, Integer::sum);
            return l;
        }
    }

    /** A failed leader's replacement, and the newest event it had accepted. */
    record Replaced(Leader fresh, SeqNum acceptedHead) {}

    /**
     * Retires {@code old} (its runtime failed) and opens its store again from the files; the new
     * leader takes its place and its references. Null if {@code old} was closed meanwhile. Holds the
     * registry's lock throughout, so that no session opens or closes halfway.
     */
    static Replaced replace(Leader old) {
        synchronized (OPEN) {
            Object key = null;
            for (Map.Entry<Object, Leader> e : OPEN.entrySet()) if (e.getValue() == old) key = e.getKey();
            if (key == null) return null;
            SeqNum accepted = old.retire();
            Leader fresh;
            try {
                fresh = Leader.reopen(old.options());
            } catch (RuntimeException | Error e) {
                OPEN.remove(key);   // the sessions keep the retired leader until they close; a new open tries afresh
                throw e;
            }
            OPEN.put(key, fresh);
            REFS.put(fresh, REFS.remove(old));
            old.replacedBy = fresh;
            return new Replaced(fresh, accepted);
        }
    }

    /** Drops one reference; the last one closes the leader (outside the registry's lock). */
    static void release(Leader l) {
        synchronized (OPEN) {
            while (l.replacedBy != null) l = l.replacedBy;   // a session that left a retired leader
            int left = REFS.merge(l, -1, Integer::sum);
            if (left > 0) return;
            REFS.remove(l);
            OPEN.values().remove(l);
        }
        l.close();
    }

    private static Object key(StoreOptions o) {
        Path dir = o.storeDirectory();
        if (dir == null) return o;
        try {
            Files.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.OPEN_FAILED, "cannot create store directory " + dir + ": " + e, e);
        }
    }
}
