package dev.livestorejvm.cli;

import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.Statement;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The shell's dot commands ({@code .tables}, {@code .mode csv}, ...), as the sqlite3 tool spells them. */
final class DotCommands {
    /** How deep {@code .read} may nest before a file that reads itself is stopped. */
    private static final int MAX_READ_DEPTH = 16;
    private static final String HELP = String.join("\n",
        ".bail on|off            stop at the first error (default off)",
        ".databases              list the schemas of the connection and their files",
        ".exit ?CODE?            leave the shell with exit code CODE (default 0)",
        ".headers on|off         column names above list and csv output (default off;",
        "                        table and box always show them, json keys by them)",
        ".help                   this text",
        ".mode ?MODE?            show or set the output mode, one of:",
        "%s",
        ".quit                   leave the shell",
        ".read FILE              run the SQL and dot commands in FILE",
        ".schema ?PATTERN?       the CREATE statements of objects whose name is LIKE PATTERN",
        ".tables ?PATTERN?       the tables and views whose name is LIKE PATTERN",
        ".timer on|off           print the run time of each statement",
        "",
        "SQL statements may span lines and end with ';'. Blobs print as X'hex'.");

    private final Shell shell;
    private int readDepth;

    DotCommands(Shell shell) {
        this.shell = shell;
    }

    /** Runs one dot command line, e.g. {@code .mode csv}, read from {@code source} at {@code line}. */
    void run(String commandLine, Shell.Source source, int line) {
        List<String> args = words(commandLine.substring(1));
        String name = args.isEmpty() ? "" : args.remove(0);
        try {
            switch (name) {
                case "bail": shell.bail = onOff(args, name); break;
                case "databases": databases(); break;
                case "exit": exit(args); break;
                case "headers": shell.headers = onOff(args, name); break;
                case "help": help(); break;
                case "mode": mode(args); break;
                case "quit": shell.stop(null); break;
                case "read": read(args, source); break;
                case "schema": schema(pattern(args, name)); break;
                case "tables": tables(pattern(args, name)); break;
                case "timer": shell.timer = onOff(args, name); break;
                default: throw new Usage("unknown command or invalid arguments: \"" + name + "\". Enter \".help\" for help");
            }
        } catch (Usage e) {
            shell.error(source, line, e.getMessage());
        } catch (SqliteException e) {
            shell.sqlError(e, e.sql(), source, line);
        }
    }

    private void help() {
        StringBuilder modes = new StringBuilder();
        for (OutputMode m : OutputMode.values()) {
            if (modes.length() > 0) modes.append('\n');
            modes.append(String.format(Locale.ROOT, "                          %-6s %s", m.label(), m.description));
        }
        shell.out.println(String.format(Locale.ROOT, HELP, modes));
    }

    private void mode(List<String> args) {
        if (args.isEmpty()) {
            shell.out.println("current output mode: " + shell.mode.label());
            return;
        }
        OutputMode m = args.size() == 1 ? OutputMode.parse(args.get(0)) : null;
        if (m == null) throw new Usage("mode should be one of: " + modeNames());
        shell.mode = m;
    }

    private void exit(List<String> args) {
        if (args.size() > 1) throw new Usage("usage: .exit ?CODE?");
        try {
            shell.stop(args.isEmpty() ? ExitCodes.OK : Integer.parseInt(args.get(0)));
        } catch (NumberFormatException e) {
            throw new Usage("not an exit code: \"" + args.get(0) + "\"");
        }
    }

    private void read(List<String> args, Shell.Source from) {
        if (args.size() != 1) throw new Usage("usage: .read FILE");
        if (readDepth >= MAX_READ_DEPTH) throw new Usage(".read nested more than " + MAX_READ_DEPTH + " deep");
        Path file = Path.of(args.get(0));
        readDepth++;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            shell.run(in, new Shell.Source(file.toString(), false));
        } catch (IOException e) {
            throw new Usage("cannot read \"" + file + "\": " + describe(e));
        } finally {
            readDepth--;
        }
    }

    private void tables(String pattern) {
        List<String> names = new ArrayList<>();
        for (String schema : schemas()) {
            String prefix = schema.equals("main") ? "" : schema + ".";
            String sql = "SELECT name FROM " + quoteId(schema) + ".sqlite_schema WHERE type IN ('table','view')"
                + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name LIKE ?1 ORDER BY 1";
            try (Statement st = shell.db.prepare(sql)) {
                st.bindText(1, pattern);
                while (st.step()) names.add(prefix + st.getText(0));
            }
        }
        printColumns(names);
    }

    private void schema(String pattern) {
        for (String schema : schemas()) {
            String sql = "SELECT sql FROM " + quoteId(schema) + ".sqlite_schema"
                + " WHERE sql IS NOT NULL AND name LIKE ?1 ORDER BY rowid";
            try (Statement st = shell.db.prepare(sql)) {
                st.bindText(1, pattern);
                while (st.step()) shell.out.println(st.getText(0) + ";");
            }
        }
    }

    private void databases() {
        try (Statement st = shell.db.prepare("PRAGMA database_list")) {
            while (st.step()) {
                String name = st.getText(1);
                String file = st.getText(2);
                StringBuilder s = new StringBuilder(name).append(": ")
                    .append(file == null || file.isEmpty() ? "\"\"" : file);
                if (name.equals("main")) s.append(shell.db.readOnly() ? " r/o" : " r/w");
                shell.out.println(s);
            }
        }
    }

    private List<String> schemas() {
        List<String> names = new ArrayList<>();
        try (Statement st = shell.db.prepare("SELECT name FROM pragma_database_list ORDER BY seq")) {
            while (st.step()) names.add(st.getText(0));
        }
        return names;
    }

    /** Prints names in columns, top to bottom then left to right, within 80 characters (as sqlite3 does). */
    private void printColumns(List<String> names) {
        if (names.isEmpty()) return;
        int width = 0;
        for (String n : names) width = Math.max(width, n.length());
        int columns = Math.max(1, 80 / (width + 2));
        int rows = (names.size() + columns - 1) / columns;
        for (int r = 0; r < rows; r++) {
            StringBuilder s = new StringBuilder();
            for (int i = r; i < names.size(); i += rows) {
                if (i > r) s.append("  ");
                s.append(names.get(i)).append(" ".repeat(width - names.get(i).length()));
            }
            shell.out.println(s.toString().stripTrailing());
        }
    }

    private static String pattern(List<String> args, String command) {
        if (args.size() > 1) throw new Usage("usage: ." + command + " ?PATTERN?");
        return args.isEmpty() ? "%" : args.get(0);
    }

    private static boolean onOff(List<String> args, String command) {
        if (args.size() == 1) {
            switch (args.get(0).toLowerCase(Locale.ROOT)) {
                case "on": case "yes": case "true": case "1": return true;
                case "off": case "no": case "false": case "0": return false;
                default: break;
            }
        }
        throw new Usage("usage: ." + command + " on|off");
    }

    private static String modeNames() {
        StringBuilder s = new StringBuilder();
        for (OutputMode m : OutputMode.values()) s.append(s.length() > 0 ? " " : "").append(m.label());
        return s.toString();
    }

    private static String quoteId(String id) {
        return '"' + id.replace("\"", "\"\"") + '"';
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.charset.CharacterCodingException) return "not UTF-8 text";
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Splits a dot command's arguments at white space; '...' and "..." quote a word with spaces. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int close = line.indexOf(c, i + 1);
                int end = close < 0 ? n : close;
                words.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i))) i++;
                words.add(line.substring(start, i));
            }
        }
        return words;
    }

    /** A dot command used wrongly: its message goes to stderr as an error. */
    private static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message, null, false, false);
        }
    }
}
