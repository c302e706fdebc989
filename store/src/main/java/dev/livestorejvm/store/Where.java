package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The conditions of a select, update or delete, joined by AND, as LiveStore's query builder writes them. */
final class Where {
    private static final Set<String> OPS = Set.of("=", "!=", "<", ">", "<=", ">=", "IN", "NOT IN", "LIKE", "NOT LIKE");

    private record Condition(String column, String op, Object value) {}

    private final List<Condition> conditions;

    private Where(List<Condition> conditions) {
        this.conditions = conditions;
    }

    static final Where NONE = new Where(List.of());

    Where and(Table table, String column, String op, Object value) {
        table.column(column);
        String o = op.trim().toUpperCase(Locale.ROOT);
        if (!OPS.contains(o)) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "unknown operator '" + op + "' on " + table.name() + "." + column
            + " (known: " + OPS + ")");
        if (o.endsWith("IN") && !(value instanceof Collection)) {
            throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, o + " on " + table.name() + "." + column + " takes a collection, got " + value);
        }
        List<Condition> next = new ArrayList<>(conditions);
        next.add(new Condition(column, o, value));
        return new Where(next);
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** Appends {@code WHERE ...} (if any condition) and adds the encoded bind values. */
    void render(Table table, StringBuilder sql, List<Object> binds) {
        if (conditions.isEmpty()) return;
        sql.append(" WHERE ");
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            if (i > 0) sql.append(" AND ");
            Column col = table.column(c.column);
            sql.append('"').append(c.column).append("\" ");
            if (c.value == null && (c.op.equals("=") || c.op.equals("!="))) {
                sql.append(c.op.equals("=") ? "IS NULL" : "IS NOT NULL");
            } else if (c.op.endsWith("IN")) {
                sql.append(c.op).append(" (");
                int n = 0;
                for (Object v : (Collection<?>) c.value) {
                    sql.append(n++ == 0 ? "?" : ", ?");
                    binds.add(Values.encode(table.name(), col, v));
                }
                sql.append(')');
            } else if (c.op.endsWith("LIKE")) {
                sql.append(c.op).append(" ?");
                binds.add(c.value);
            } else {
                sql.append(c.op).append(" ?");
                binds.add(Values.encode(table.name(), col, c.value));
            }
        }
    }
}
