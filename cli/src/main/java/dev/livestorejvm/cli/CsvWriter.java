package dev.livestorejvm.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * CSV per RFC 4180: CRLF line ends, a field quoted when it holds a comma, quote or line break.
 * NULL is an empty field and the empty string is {@code ""}, so the two stay apart.
 */
final class CsvWriter implements ResultWriter {
    private final List<String> columns;
    private final PrintStream out;
    private boolean headerPending;

    CsvWriter(List<String> columns, boolean headers, PrintStream out) {
        this.columns = columns;
        this.out = out;
        this.headerPending = headers;
    }

    @Override
    public void row(List<Cell> cells) {
        if (headerPending) {
            StringBuilder h = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) h.append(',');
                h.append(field(columns.get(i)));
            }
            out.print(h.append("\r\n"));
            headerPending = false;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) s.append(',');
            Cell c = cells.get(i);
            if (!c.isNull()) s.append(field(c.display("")));
        }
        out.print(s.append("\r\n"));
    }

    @Override
    public void end() {
    }

    static String field(String value) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char ch = value.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
