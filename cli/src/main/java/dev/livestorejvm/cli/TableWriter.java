package dev.livestorejvm.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Table and box modes: collects the rows, then prints them framed, each column as wide as its
 * widest value. Headers are centred, numbers right-aligned, everything else left-aligned. A value
 * with line breaks takes several lines; then every row is ruled off, as the sqlite3 tool does.
 * Widths count code points, so wide (East Asian) characters may misalign.
 */
final class TableWriter implements ResultWriter {
    /** The characters of the frame: corners and joints top, middle and bottom, rule and bar. */
    enum Frame {
        ASCII("+++", "+++", "+++", '-', '|'),
        BOX("┌┬┐", "├┼┤", "└┴┘", '─', '│');

        final String top;
        final String middle;
        final String bottom;
        final char rule;
        final char bar;

        Frame(String top, String middle, String bottom, char rule, char bar) {
            this.top = top;
            this.middle = middle;
            this.bottom = bottom;
            this.rule = rule;
            this.bar = bar;
        }
    }

    private final List<String> columns;
    private final Frame frame;
    private final PrintStream out;
    private final List<String[][]> rows = new ArrayList<>();   // row -> column -> lines
    private final List<boolean[]> numeric = new ArrayList<>();
    private boolean multiLine;

    TableWriter(List<String> columns, Frame frame, PrintStream out) {
        this.columns = columns;
        this.frame = frame;
        this.out = out;
    }

    @Override
    public void row(List<Cell> cells) {
        String[][] lines = new String[cells.size()][];
        boolean[] isNumber = new boolean[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            lines[i] = cells.get(i).display("NULL").split("\r?\n", -1);
            isNumber[i] = cells.get(i).isNumber();
            multiLine |= lines[i].length > 1;
        }
        rows.add(lines);
        numeric.add(isNumber);
    }

    @Override
    public void end() {
        if (rows.isEmpty()) return;
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) width[c] = length(columns.get(c));
        for (String[][] row : rows) {
            for (int c = 0; c < width.length; c++) {
                for (String line : row[c]) width[c] = Math.max(width[c], length(line));
            }
        }
        rule(frame.top, width);
        StringBuilder header = new StringBuilder().append(frame.bar);
        for (int c = 0; c < width.length; c++) {
            int room = width[c] - length(columns.get(c));
            header.append(' ').append(" ".repeat(room / 2)).append(columns.get(c))
                .append(" ".repeat(room - room / 2)).append(' ').append(frame.bar);
        }
        out.println(header);
        rule(frame.middle, width);
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0 && multiLine) rule(frame.middle, width);
            printRow(rows.get(r), numeric.get(r), width);
        }
        rule(frame.bottom, width);
    }

    private void printRow(String[][] row, boolean[] isNumber, int[] width) {
        int height = 1;
        for (String[] lines : row) height = Math.max(height, lines.length);
        for (int l = 0; l < height; l++) {
            StringBuilder s = new StringBuilder().append(frame.bar);
            for (int c = 0; c < width.length; c++) {
                String text = l < row[c].length ? row[c][l] : "";
                String pad = " ".repeat(width[c] - length(text));
                s.append(' ');
                if (isNumber[c]) s.append(pad).append(text);
                else s.append(text).append(pad);
                s.append(' ').append(frame.bar);
            }
            out.println(s);
        }
    }

    private void rule(String joints, int[] width) {
        StringBuilder s = new StringBuilder().append(joints.charAt(0));
        for (int c = 0; c < width.length; c++) {
            if (c > 0) s.append(joints.charAt(1));
            s.append(String.valueOf(frame.rule).repeat(width[c] + 2));
        }
        out.println(s.append(joints.charAt(2)));
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
