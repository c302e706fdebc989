package dev.livestorejvm.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintStream;
import java.util.List;

/**
 * JSON mode, laid out as sqlite3 does: an array with one object per line, keyed by column name.
 * Integers and reals are JSON numbers (infinity as {@code 9.0e+999}, as sqlite3 writes it), NULL
 * is {@code null}, a blob is the string {@code "X'hex'"}.
 */
final class JsonWriter implements ResultWriter {
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private final String[] keys;
    private final PrintStream out;
    private boolean first = true;

    JsonWriter(List<String> columns, PrintStream out) {
        this.out = out;
        this.keys = new String[columns.size()];
        for (int i = 0; i < keys.length; i++) keys[i] = quote(columns.get(i));
    }

    @Override
    public void row(List<Cell> cells) {
        StringBuilder s = new StringBuilder(first ? "[{" : ",\n{");
        first = false;
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) s.append(',');
            s.append(keys[i]).append(':').append(value(cells.get(i)));
        }
        out.print(s.append('}'));
    }

    @Override
    public void end() {
        if (!first) out.println("]");
    }

    private static String value(Cell c) {
        switch (c.type()) {
            case NULL: return "null";
            case INTEGER: return c.text();
            case FLOAT:
                if (c.text().equals("Inf")) return "9.0e+999";
                if (c.text().equals("-Inf")) return "-9.0e+999";
                return c.text();
            default: return quote(c.display(""));
        }
    }

    private static String quote(String s) {
        return '"' + new String(ENCODER.quoteAsString(s)) + '"';
    }
}
