package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code INSERT INTO 'table' ("a", "b") VALUES (?, ?)} of decoded values, with an optional
 * on-conflict clause. Immutable.
 */
public final class Insert implements Write {
    private enum OnConflict { NONE, IGNORE, REPLACE, UPDATE }

    private final Table table;
    private final Map<String, Object> values;
    private final OnConflict onConflict;
    private final List<String> target;
    private final Map<String, Object> updates;

    Insert(Table table, Map<String, ?> values) {
        this(table, new LinkedHashMap<>(values), OnConflict.NONE, List.of(), Map.of());
    }

    private Insert(Table table, Map<String, Object> values, OnConflict onConflict, List<String> target, Map<String, Object> updates) {
        this.table = table;
        if (values.isEmpty()) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "insert into " + table.name() + " has no values");
        for (String c : values.keySet()) table.column(c);
        for (String c : target) table.column(c);
        for (String c : updates.keySet()) table.column(c);
        this.values = values;
        this.onConflict = onConflict;
        this.target = target;
        this.updates = updates;
    }

    /** {@code ON CONFLICT ("target") DO NOTHING}. */
    public Insert onConflictIgnore(String... target) {
        return new Insert(table, values, OnConflict.IGNORE, List.of(target), Map.of());
    }

    /** {@code INSERT OR REPLACE INTO ...}. */
    public Insert onConflictReplace() {
        return new Insert(table, values, OnConflict.REPLACE, List.of(), Map.of());
    }

    /** {@code ON CONFLICT ("target") DO UPDATE SET "c" = ?, ...}. */
    public Insert onConflictUpdate(List<String> target, Map<String, ?> set) {
        if (set.isEmpty()) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "on-conflict update of " + table.name() + " sets nothing");
        return new Insert(table, values, OnConflict.UPDATE, List.copyOf(target), new LinkedHashMap<>(set));
    }

    @Override
    public String sql() {
        StringBuilder sql = new StringBuilder(onConflict == OnConflict.REPLACE ? "INSERT OR REPLACE INTO " : "INSERT INTO ");
        sql.append(Sql.quoteTable(table.name())).append(" (");
        int i = 0;
        for (String c : values.keySet()) sql.append(i++ == 0 ? "" : ", ").append(Sql.quoteId(c));
        sql.append(") VALUES (");
        for (int j = 0; j < values.size(); j++) sql.append(j == 0 ? "?" : ", ?");
        sql.append(')');
        if (onConflict == OnConflict.IGNORE || onConflict == OnConflict.UPDATE) {
            sql.append(" ON CONFLICT (");
            for (int j = 0; j < target.size(); j++) sql.append(j == 0 ? "" : ", ").append(Sql.quoteId(target.get(j)));
            sql.append(")");
            if (onConflict == OnConflict.IGNORE) sql.append(" DO NOTHING");
            else {
                sql.append(" DO UPDATE SET ");
                int k = 0;
                for (String c : updates.keySet()) sql.append(k++ == 0 ? "" : ", ").append(Sql.quoteId(c)).append(" = ?");
            }
        }
        return sql.toString();
    }

    @Override
    public List<Object> bindValues() {
        List<Object> binds = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) binds.add(Values.encode(table.name(), table.column(e.getKey()), e.getValue()));
        for (Map.Entry<String, Object> e : updates.entrySet()) binds.add(Values.encode(table.name(), table.column(e.getKey()), e.getValue()));
        return binds;
    }

    /** The table inserted into. */
    Table table() {
        return table;
    }

    /** True without an on-conflict clause: the statement inserts exactly one new row or fails. */
    boolean insertsOneRow() {
        return onConflict == OnConflict.NONE;
    }

    @Override
    public Set<String> writeTables() {
        return Set.of(table.name());
    }

    @Override
    public String toString() {
        return sql() + " " + bindValues();
    }
}
