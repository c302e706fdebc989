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
    private final Map<String, Statement> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Statement> eldest) {
            if (size() <= CAPACITY) return false;
            eldest.getValue().close();
            return true;
        }
    };

    StatementCache(Database db) {
        this.db = db;
    }

    private Statement bound(String sql, List<Object> binds) {
        Statement st = cache.get(sql);
        if (st == null) {
            st = db.prepare(sql);
            cache.put(sql, st);
        }
        st.reset();
        st.clearBindings();
        for (int i = 0; i < binds.size(); i++) st.bind(i + 1, binds.get(i));
        return st;
    }

    long write(String sql, List<Object> binds) {
        Statement st = bound(sql, binds);
        try {
            return st.executeUpdate();
        } finally {
            st.reset();
        }
    }

    Rows read(String sql, List<Object> binds) {
        Statement st = bound(sql, binds);
        try {
            List<Object[]> rows = new ArrayList<>();
            int n = -1;
            while (st.step()) {
                if (n < 0) n = st.columnCount();
                Object[] r = new Object[n];
                for (int i = 0; i < n; i++) r[i] = st.getObject(i);
                rows.add(r);
            }
            return new Rows(st.columnNames(), rows);
        } finally {
            st.reset();
        }
    }

    @Override
    public void close() {
        for (Statement st : cache.values()) st.close();
        cache.clear();
    }
}
