package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prepared statements by SQL text, least recently used closed first; runs reads and writes. */
final class StatementCache implements AutoCloseable {
    private static final int CAPACITY = 256;
    private final Database db;
    /** Statements run and prepared through this cache, for tests that count SQLite's work per event. */
    private long runs;
    private long prepares;
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            if (size() <= CAPACITY) return false;
            eldest.getValue().st.close();
            return true;
        }
    };

    /** A statement and the values bound to it last (bindings survive a reset). */
    private static final class Cached {
        final Statement st;
        Object[] bound;

        Cached(Statement st) {
            this.st = st;
        }
    }

    StatementCache(Database db) {
        this.db = db;
    }

    /**
     * Binds only the values that changed since the statement's last use. Rebinding a parameter that
     * SQLite's planner looked at (LiveStore's {@code LIMIT ?}) expires the statement, and its next
     * step prepares it again: measured 40-60 us of parsing on every cached point query. Every use
     * resets the statement when it ends, so none is needed here (each reset is a call into SQLite).
     */
    private Statement bound(String sql, List<Object> binds) {
        Cached c = cache.get(sql);
        runs++;
        if (c == null) {
            prepares++;
            c = new Cached(db.prepare(sql));
            cache.put(sql, c);
        }
        Statement st = c.st;   // reset: every use below ends with one
        Object[] last = c.bound;
        if (last == null || last.length != binds.size()) {
            last = new Object[binds.size()];
            st.clearBindings();
        }
        boolean known = c.bound != null;
        c.bound = null;   // unknown while binding: a failed bind leaves the parameter NULL
        for (int i = 0; i < binds.size(); i++) {
            Object v = binds.get(i);
            if (known && sameBinding(last[i], v)) continue;
            st.bind(i + 1, v);
            last[i] = v;
        }
        c.bound = last;
        return st;
    }

    /** Equal values of the same class bind the same (byte arrays are compared by identity: rebound). */
    private static boolean sameBinding(Object a, Object b) {
        if (a == null || b == null) return a == b;
        return a.getClass() == b.getClass() && !(a instanceof byte[]) && a.equals(b);
    }

    long write(String sql, List<Object> binds) {
        return bound(sql, binds).executeUpdate();   // which resets the statement, also when it fails
    }

    Rows read(String sql, List<Object> binds) {
        Statement st = bound(sql, binds);
        try {
            List<Object[]> rows = rows(st);
            return new Rows(st.columnNames(), rows);
        } finally {
            st.reset();
        }
    }

    /** The rows of a read whose caller knows its columns: saves asking SQLite for their names. */
    List<Object[]> values(String sql, List<Object> binds) {
        Statement st = bound(sql, binds);
        try {
            return rows(st);
        } finally {
            st.reset();
        }
    }

    private static List<Object[]> rows(Statement st) {
        List<Object[]> rows = new ArrayList<>();
        int n = -1;
        while (st.step()) {
            if (n < 0) n = st.columnCount();
            Object[] r = new Object[n];
            for (int i = 0; i < n; i++) r[i] = st.getObject(i);
            rows.add(r);
        }
        return rows;
    }

    /**
     * Runs {@code body} in a transaction opened with {@code begin} ({@code BEGIN}, {@code BEGIN
     * IMMEDIATE}), committed if it returns and rolled back if it or the commit fails. The two
     * statements are prepared once (an exec would parse them every time).
     */
    <T> T transaction(String begin, java.util.function.Supplier<T> body) {
        write(begin, List.of());
        T result;
        try {
            result = body.get();
            write("COMMIT", List.of());
        } catch (RuntimeException | Error e) {
            try {
                if (!db.autocommit()) write("ROLLBACK", List.of());
            } catch (RuntimeException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
        return result;
    }

    long runs() {
        return runs;
    }

    long prepares() {
        return prepares;
    }

    @Override
    public void close() {
        for (Cached c : cache.values()) c.st.close();
        cache.clear();
    }
}
