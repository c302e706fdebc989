package dev.livestorejvm.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code UPDATE 'table' SET "c" = ? WHERE ...} of decoded values. Immutable. */
public final class Update extends RenderedWrite {
    private final Map<String, Object> values;
    private final Where where;

    private Update(Table table, Map<String, Object> values, Where where) {
        super(table);
        if (values.isEmpty()) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "update of " + table.name() + " sets nothing");
        for (String c : values.keySet()) table.column(c);
        this.values = values;
        this.where = where;
    }

    Update(Table table, Map<String, ?> values, List<?> unused) {
        this(table, new LinkedHashMap<>(values), Where.NONE);
    }

    public Update where(String column, Object value) {
        return where(column, "=", value);
    }

    public Update where(String column, String op, Object value) {
        return new Update(table, values, where.and(table, column, op, value));
    }

    @Override
    String render(List<Object> binds) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(Sql.quoteTable(table.name())).append(" SET ");
        int i = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            sql.append(i++ == 0 ? "" : ", ").append(Sql.quoteId(e.getKey())).append(" = ?");
            binds.add(Values.encode(table.name(), table.column(e.getKey()), e.getValue()));
        }
        where.render(table, sql, binds);
        return sql.toString();
    }
}
