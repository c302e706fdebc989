package dev.livestorejvm.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** How query results print; chosen with {@code .mode} or {@code --mode}. */
enum OutputMode {
    /** ASCII-framed table, headers always shown, NULL as {@code NULL} (the default). */
    TABLE("ascii-framed table; NULL shows as NULL (default)"),
    /** The same table framed with Unicode box-drawing characters. */
    BOX("table framed with box-drawing characters; NULL shows as NULL"),
    /** Values separated by {@code |}, one row a line, NULL as empty (sqlite3's list mode). */
    LIST("values separated by |; NULL shows as empty"),
    /** RFC 4180 CSV; NULL as an empty field, the empty string as {@code ""}. */
    CSV("comma-separated values (RFC 4180); NULL shows as an empty field"),
    /** A JSON array of objects keyed by column name; NULL as {@code null}. */
    JSON("one JSON object per row in an array; NULL shows as null");

    final String description;

    OutputMode(String description) {
        this.description = description;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutputMode parse(String name) {
        for (OutputMode m : values()) {
            if (m.label().equals(name.toLowerCase(Locale.ROOT))) return m;
        }
        return null;
    }

    ResultWriter writer(List<String> columns, boolean headers, PrintStream out) {
        switch (this) {
            case TABLE: return new TableWriter(columns, TableWriter.Frame.ASCII, out);
            case BOX: return new TableWriter(columns, TableWriter.Frame.BOX, out);
            case LIST: return new ListWriter(columns, headers, out);
            case CSV: return new CsvWriter(columns, headers, out);
            case JSON: return new JsonWriter(columns, out);
            default: throw new AssertionError(this);
        }
    }
}
