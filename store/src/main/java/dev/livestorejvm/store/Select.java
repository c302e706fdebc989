package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code SELECT} on one table, in LiveStore's SQL text: rows decoded per column kind (booleans,
 * JSON, instants) as maps by column name; {@link #as(Class)} turns them into records or POJOs.
 * Immutable: each method returns a narrower select.
 */
public final class Select extends Query<List<Map<String, Object>>> {
    private record Order(String column, String direction) {}

    private final Table table;
    private final List<String> columns;
    private final Where where;
    private final List<Order> orderBy;
    private final Integer limit;
    private final Integer offset;

    Select(Table table, List<String> columns) {
        this(table, columns, Where.NONE, List.of(), null, null);
    }

    private Select(Table table, List<String> columns, Where where, List<Order> orderBy, Integer limit, Integer offset) {
        this(table, columns, where, orderBy, limit, offset, sqlOf(table, columns, where, orderBy, limit, offset, false));
    }

    private Select(Table table, List<String> columns, Where where, List<Order> orderBy, Integer limit, Integer offset,
                   SqlAndBinds s) {
        super(s.sql, s.binds, Set.of(table.name()), rows -> decodeRows(table, rows));
        this.table = table;
        this.columns = columns;
        this.where = where;
        this.orderBy = orderBy;
        this.limit = limit;
        this.offset = offset;
    }

    /** {@code "column" = ?}, or {@code IS NULL} for a null value. */
    public Select where(String column, Object value) {
        return where(column, "=", value);
    }

    /** {@code "column" op ?} with op one of =, !=, &lt;, &gt;, &lt;=, &gt;=, IN, NOT IN (a collection), LIKE, NOT LIKE. */
    public Select where(String column, String op, Object value) {
        return new Select(table, columns, where.and(table, column, op, value), orderBy, limit, offset);
    }

    public Select orderBy(String column) {
        return orderBy(column, "asc");
    }

    /** {@code ORDER BY "column" asc|desc}; several calls order by several columns. */
    public Select orderBy(String column, String direction) {
        table.column(column);
        String d = direction.toLowerCase(java.util.Locale.ROOT);
        if (!d.equals("asc") && !d.equals("desc")) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "order direction must be asc or desc, got " + direction);
        List<Order> next = new ArrayList<>(orderBy);
        next.add(new Order(column, d));
        return new Select(table, columns, where, next, limit, offset);
    }

    public Select limit(int n) {
        return new Select(table, columns, where, orderBy, n, offset);
    }

    public Select offset(int n) {
        return new Select(table, columns, where, orderBy, limit, n);
    }

    /** The first row, if any ({@code LIMIT 1}). */
    public Query<Optional<Map<String, Object>>> first() {
        return limit(1).map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0)));
    }

    public <R> Query<Optional<R>> first(Class<R> type) {
        return first().map(row -> row.map(r -> convert(r, type)));
    }

    /** The rows as {@code type}, converted by Jackson from the decoded maps. */
    public <R> Query<List<R>> as(Class<R> type) {
        return map(rows -> convertAll(rows, type));
    }

    /** {@code SELECT COUNT(*) as count FROM ...} with this select's conditions. */
    public Query<Long> count() {
        SqlAndBinds s = sqlOf(table, columns, where, orderBy, limit, offset, true);
        return new Query<>(s.sql, s.binds, Set.of(table.name()),
            rows -> rows.values().isEmpty() ? 0L : ((Number) rows.values().get(0)[0]).longValue());
    }

    public Table table() {
        return table;
    }

    private record SqlAndBinds(String sql, List<Object> binds) {}

    private static SqlAndBinds sqlOf(Table table, List<String> columns, Where where, List<Order> orderBy,
                                     Integer limit, Integer offset, boolean count) {
        for (String c : columns) table.column(c);
        StringBuilder sql = new StringBuilder("SELECT ");
        List<Object> binds = new ArrayList<>();
        if (count) sql.append("COUNT(*) as count");
        else if (columns.isEmpty()) sql.append('*');
        else {
            for (int i = 0; i < columns.size(); i++) sql.append(i == 0 ? "" : ", ").append('"').append(columns.get(i)).append('"');
        }
        sql.append(" FROM ").append(Sql.quoteTable(table.name()));
        where.render(table, sql, binds);
        if (!count) {
            for (int i = 0; i < orderBy.size(); i++) {
                Order o = orderBy.get(i);
                sql.append(i == 0 ? " ORDER BY " : ", ").append('"').append(o.column).append("\" ").append(o.direction);
            }
            if (limit != null || offset != null) {
                sql.append(" LIMIT ?");
                binds.add(limit == null ? -1L : (long) limit);
            }
            if (offset != null) {
                sql.append(" OFFSET ?");
                binds.add((long) offset);
            }
        }
        return new SqlAndBinds(sql.toString(), binds);
    }

    private static List<Map<String, Object>> decodeRows(Table table, Rows rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.values().size());
        int n = rows.names().size();
        Column[] cols = new Column[n];
        for (int i = 0; i < n; i++) cols[i] = table.hasColumn(rows.names().get(i)) ? table.column(rows.names().get(i)) : null;
        for (Object[] r : rows.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) m.put(rows.names().get(i), cols[i] == null ? r[i] : Values.decode(cols[i], r[i]));
            out.add(m);
        }
        return out;
    }
}
