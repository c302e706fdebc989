package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * LiveStore 0.4.0's DDL text ({@code migrateTable} and {@code makeColumnSpec}): columns
 * {@code "name" type pk autoinc notnull default} joined by single spaces even when a part is empty,
 * an inline {@code primary key} (without {@code not null}) for a single-column key, a table-level
 * {@code PRIMARY KEY (...)} for a composite one, and {@code strict}.
 */
final class Ddl {
    private Ddl() {}

    static List<String> of(Table table) {
        List<String> out = new ArrayList<>();
        out.add("create table if not exists \"" + table.name() + "\" (" + columnSpec(table) + ") strict");
        for (Index i : table.indexes()) {
            out.add("create " + (i.unique() ? "UNIQUE " : "") + "index if not exists \"" + i.name() + "\" on \""
                + table.name() + "\" (" + i.columns().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")) + ")");
        }
        return out;
    }

    /** A statement of {@link #of} creating its object in attached schema {@code schema}; the stored text stays the same. */
    static String inSchema(String ddl, String schema) {
        return ddl.replaceFirst("if not exists \"", "if not exists " + schema + ".\"");
    }

    static String columnSpec(Table table) {
        List<Column> pk = table.columns().stream().filter(Column::isPrimaryKey).collect(Collectors.toList());
        List<String> parts = new ArrayList<>();
        for (Column c : table.columns()) parts.add(column(c, pk.size() == 1 && pk.get(0) == c));
        if (pk.size() > 1) {
            parts.add("PRIMARY KEY (" + pk.stream().map(c -> "\"" + c.name() + "\"").collect(Collectors.joining(", ")) + ")");
        }
        return String.join(", ", parts);
    }

    private static String column(Column c, boolean inlinePk) {
        String type = c.kind().storage();
        String notNull = inlinePk ? "" : c.isNullable() ? "" : "not null";
        String autoinc = inlinePk && type.equals("integer") && c.isAutoIncrement() ? "autoincrement" : "";
        String pk = inlinePk ? "primary key" : "";
        return "\"" + c.name() + "\" " + type + " " + pk + " " + autoinc + " " + notNull + " " + defaultClause(c);
    }

    private static String defaultClause(Column c) {
        if (!c.hasDefault()) return "";
        if (c.defaultValue() == null) return "default null";
        Object encoded = Values.encode(null, c, c.defaultValue());
        if (c.kind().storage().equals("text")) return "default '" + String.valueOf(encoded).replace("'", "''") + "'";
        if (encoded instanceof byte[]) return "default X'" + hex((byte[]) encoded) + "'";
        return "default " + Values.jsNumber(encoded);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x & 0xff));
        return s.toString();
    }
}
