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

    /** Drops one reference; the last one closes the leader (outside the registry's lock). */
    static void release(Leader l) {
        synchronized (OPEN) {
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
