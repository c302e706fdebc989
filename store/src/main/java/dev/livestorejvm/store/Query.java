package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A read: SQL text, bind values, the tables it reads (for reactivity) and how its rows decode to a
 * {@code T}. Built by {@link Table#select} or from raw SQL with {@link #sql(String, Object...)}.
 * Immutable; run it with {@link Store#query} or {@link Store#subscribe}.
 */
public class Query<T> {
    private final String sql;
    private final List<Object> bindValues;
    private final Set<String> readTables;
    private final Function<Rows, T> decoder;

    Query(String sql, List<Object> bindValues, Set<String> readTables, Function<Rows, T> decoder) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.bindValues = java.util.Collections.unmodifiableList(new ArrayList<>(bindValues));
        this.readTables = readTables == null ? null : Set.copyOf(readTables);
        this.decoder = decoder;
    }

    /**
     * A raw SQL read whose rows are maps of storage values (Long, Double, String, byte[], null) by
     * column name; the tables it reads are found by SQLite's {@code tables_used()} when it runs.
     */
    public static Query<List<Map<String, Object>>> sql(String sql, Object... bindValues) {
        return new Query<>(sql, List.of(bindValues.clone()), null, Query::rawMaps);
    }

    public String sql() {
        return sql;
    }

    public List<Object> bindValues() {
        return bindValues;
    }

    /** The tables this query reads, or null for raw SQL before it has run (then SQLite tells). */
    public Set<String> readTables() {
        return readTables;
    }

    /** This query with its result transformed, e.g. into domain objects. */
    public <R> Query<R> map(Function<? super T, ? extends R> f) {
        return new Query<>(sql, bindValues, readTables, rows -> f.apply(decoder.apply(rows)));
    }

    /** Raw SQL rows converted by Jackson into {@code type} (a record or POJO). */
    public static <R> Query<List<R>> sql(Class<R> type, String sql, Object... bindValues) {
        return sql(sql, bindValues).map(maps -> convertAll(maps, type));
    }

    /**
     * This query as session {@code sessionId} runs it: a bind value {@link Table#SESSION_ID} becomes
     * the session's id (LiveStore replaces its {@code SessionIdSymbol} in bind values the same way).
     */
    Query<T> forSession(String sessionId) {
        if (!bindValues.contains(Table.SESSION_ID)) return this;
        List<Object> binds = new ArrayList<>(bindValues);
        binds.replaceAll(v -> Table.SESSION_ID.equals(v) ? sessionId : v);
        return new Query<>(sql, binds, readTables, decoder);
    }

    T decode(Rows rows) {
        return decoder.apply(rows);
    }

    static List<Map<String, Object>> rawMaps(Rows rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.values().size());
        for (Object[] r : rows.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.length; i++) m.put(rows.names().get(i), r[i]);
            out.add(m);
        }
        return out;
    }

    static <R> List<R> convertAll(List<Map<String, Object>> maps, Class<R> type) {
        List<R> out = new ArrayList<>(maps.size());
        for (Map<String, Object> m : maps) out.add(convert(m, type));
        return out;
    }

    static <R> R convert(Map<String, Object> row, Class<R> type) {
        try {
            return Json.MAPPER.convertValue(row, type);
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "cannot decode a row " + row + " into " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return sql + " " + bindValues;
    }
}
