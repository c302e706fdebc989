package dev.livestorejvm.store;

import java.util.List;

/** {@code DELETE FROM 'table' WHERE ...}. Immutable. */
public final class Delete extends RenderedWrite {
    private final Where where;

    private Delete(Table table, Where where) {
        super(table);
        this.where = where;
    }

    Delete(Table table, List<?> unused) {
        this(table, Where.NONE);
    }

    public Delete where(String column, Object value) {
        return where(column, "=", value);
    }

    public Delete where(String column, String op, Object value) {
        return new Delete(table, where.and(table, column, op, value));
    }

    @Override
    String render(List<Object> binds) {
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(Sql.quoteTable(table.name()));
        where.render(table, sql, binds);
        return sql.toString();
    }
}
