package dev.livestorejvm.cli;

import java.io.PrintStream;
import java.util.List;

/** List mode, as sqlite3 prints it: values joined by {@code |}, NULL as empty, headers if asked. */
final class ListWriter implements ResultWriter {
    private final List<String> columns;
    private final PrintStream out;
    private boolean headerPending;

    ListWriter(List<String> columns, boolean headers, PrintStream out) {
        this.columns = columns;
        this.out = out;
        this.headerPending = headers;
    }

    @Override
    public void row(List<Cell> cells) {
        if (headerPending) {
            out.println(String.join("|", columns));
            headerPending = false;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) s.append('|');
            s.append(cells.get(i).display(""));
        }
        out.println(s);
    }

    @Override
    public void end() {
    }
}
