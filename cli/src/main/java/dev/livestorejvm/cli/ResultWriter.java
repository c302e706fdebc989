package dev.livestorejvm.cli;

import java.util.List;

/** Prints one statement's result in an output mode: the column names, then rows, then {@link #end()}. */
interface ResultWriter {
    void row(List<Cell> cells);

    /** Called once after the last row (also when there were none). */
    void end();
}
