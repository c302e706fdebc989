package dev.livestorejvm.store;

/** SQL text helpers shared by the query builder and the store's own statements. */
final class Sql {
    private Sql() {}

    /** A table name as LiveStore's query builder writes it: {@code 'todos'}. */
    static String quoteTable(String name) {
        return "'" + name.replace("'", "''") + "'";
    }

    /** An identifier in double quotes. */
    static String quoteId(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
