package dev.livestorejvm.cli;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL shell: reads lines, gathers them until they end a complete statement (SQLite's
 * {@code sqlite3_complete}), runs each statement and prints its rows; lines starting with a dot
 * are {@link DotCommands}. Errors go to stderr with SQLite's code and message, and the shell
 * goes on unless {@code bail} is set.
 */
final class Shell {
    /** Where input comes from: its name in error messages (null for stdin) and whether a person types it. */
    record Source(String name, boolean interactive) {
        static final Source STDIN = new Source(null, false);
        static final Source TERMINAL = new Source(null, true);
    }

    static final String PROMPT = "sqlite> ";
    static final String CONTINUATION = "   ...> ";

    final SqliteRuntime runtime;
    final Database db;
    final PrintStream out;
    final PrintStream err;
    final DotCommands dot = new DotCommands(this);
    OutputMode mode = OutputMode.TABLE;
    boolean headers;
    boolean timer;
    boolean bail;

    private int errors;
    private boolean stopped;
    private Integer exitCode;

    Shell(SqliteRuntime runtime, Database db, PrintStream out, PrintStream err) {
        this.runtime = runtime;
        this.db = db;
        this.out = out;
        this.err = err;
    }

    /** Reads {@code in} to its end, or until {@code .quit} or (with bail) an error. */
    void run(BufferedReader in, Source source) throws IOException {
        StringBuilder sql = new StringBuilder();
        int firstLine = 0;
        int lineNo = 0;
        while (!stopped) {
            if (source.interactive()) {
                out.print(sql.length() == 0 ? PROMPT : CONTINUATION);
                out.flush();
            }
            String line = in.readLine();
            if (line == null) break;
            lineNo++;
            if (sql.length() == 0 && line.stripLeading().startsWith(".")) {
                dot.run(line.strip(), source, lineNo);
                out.flush();
                continue;
            }
            if (sql.length() == 0) firstLine = lineNo;
            sql.append(line).append('\n');
            if (line.indexOf(';') >= 0 && runtime.isComplete(sql.toString())) {
                runSql(sql.toString(), source, firstLine);
                sql.setLength(0);
            } else if (SqlText.scan(sql.toString()) == SqlText.Content.BLANK) {
                sql.setLength(0);   // white space and comments alone wait for nothing
            }
        }
        if (!stopped && SqlText.scan(sql.toString()) == SqlText.Content.STATEMENT) {
            runSql(sql.toString(), source, firstLine);   // the last statement may lack its semicolon
        }
        if (source.interactive() && !stopped) out.println();
        out.flush();
    }

    /** Runs one command-line argument: SQL (one or more statements, final semicolon optional) or a dot command. */
    void runArgument(String text, int index) {
        try {
            run(new BufferedReader(new StringReader(text)), new Source("argument " + index, false));
        } catch (IOException e) {
            throw new AssertionError("reading a string", e);
        }
    }

    /**
     * Runs every statement of {@code sql}, which starts at line {@code firstLine} of its source.
     * A statement ends at the first semicolon that makes the text so far complete, so semicolons
     * inside strings, comments and trigger bodies do not split it.
     */
    void runSql(String sql, Source source, int firstLine) {
        int start = 0;
        for (int semi = sql.indexOf(';'); semi >= 0 && !stopped; semi = sql.indexOf(';', semi + 1)) {
            String piece = sql.substring(start, semi + 1);
            if (runtime.isComplete(piece)) {
                if (SqlText.scan(piece) == SqlText.Content.STATEMENT) {
                    runStatement(piece, source, firstLine + SqlText.lineBreaks(sql, start));
                }
                start = semi + 1;
            }
        }
        String rest = sql.substring(start);
        if (!stopped && SqlText.scan(rest) == SqlText.Content.STATEMENT) {
            runStatement(rest, source, firstLine + SqlText.lineBreaks(sql, start));
        }
    }

    private void runStatement(String sql, Source source, int line) {
        Timer t = timer ? new Timer() : null;
        try (Statement st = db.prepare(sql)) {
            int columns = st.columnCount();
            if (columns == 0) {
                while (st.step()) {
                    // a statement without result columns has no rows to print
                }
            } else {
                ResultWriter writer = mode.writer(st.columnNames(), headers, out);
                try {
                    while (st.step()) {
                        List<Cell> row = new ArrayList<>(columns);
                        for (int c = 0; c < columns; c++) row.add(Cell.read(st, c));
                        writer.row(row);
                    }
                } finally {
                    writer.end();
                }
            }
        } catch (SqliteException e) {
            sqlError(e, sql, source, line);
            return;
        }
        if (t != null) out.println(t.report());
        out.flush();
    }

    /** Prints an SQL error with its code, the line it is on and, where SQLite knows it, a caret under the spot. */
    void sqlError(SqliteException e, String sql, Source source, int firstLine) {
        int at = e.errorOffset() >= 0 && sql != null ? SqlText.charIndex(sql, e.errorOffset()) : -1;
        int line = at >= 0 ? firstLine + SqlText.lineBreaks(sql, at) : firstLine;
        String code = SqliteException.codeName(e.extendedCode());
        error(source, line, "[" + code + "] " + e.sqliteMessage());
        if (at >= 0) {
            int lineStart = sql.lastIndexOf('\n', at - 1) + 1;
            int lineEnd = sql.indexOf('\n', at);
            String text = sql.substring(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
            err.println("  " + text);
            err.println("  " + " ".repeat(at - lineStart) + "^--- error here");
        }
    }

    /** Prints {@code message} as an error of {@code source} at {@code line}; counts it; stops if bail is on. */
    void error(Source source, int line, String message) {
        out.flush();
        StringBuilder s = new StringBuilder("Error: ");
        if (!source.interactive()) {
            s.append("near line ").append(line);
            if (source.name() != null) s.append(" of ").append(source.name());
            s.append(": ");
        }
        err.println(s.append(message));
        if (!source.interactive()) errors++;
        if (bail) stop(1);
    }

    /** Ends the session; {@code code} (if not null) becomes the exit code. */
    void stop(Integer code) {
        stopped = true;
        if (code != null) exitCode = code;
    }

    boolean stopped() {
        return stopped;
    }

    /** The process exit code: as set by {@code .exit}, else 1 after any error in non-interactive input, else 0. */
    int exitCode() {
        if (exitCode != null) return exitCode;
        return errors > 0 ? ExitCodes.SQL_ERROR : ExitCodes.OK;
    }

    /** Wall-clock and this thread's CPU time of one statement, printed like sqlite3's {@code .timer on}. */
    private static final class Timer {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final long wall = System.nanoTime();
        private final long cpu = THREADS.getCurrentThreadCpuTime();
        private final long user = THREADS.getCurrentThreadUserTime();

        String report() {
            double real = (System.nanoTime() - wall) / 1e9;
            long cpuNow = THREADS.getCurrentThreadCpuTime();
            long userNow = THREADS.getCurrentThreadUserTime();
            double u = (userNow - user) / 1e9;
            double s = Math.max(0, (cpuNow - cpu) - (userNow - user)) / 1e9;
            return String.format(java.util.Locale.ROOT, "Run Time: real %.3f user %.6f sys %.6f", real, u, s);
        }
    }
}
