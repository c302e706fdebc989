package dev.livestorejvm.cli;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import dev.livestorejvm.sqlite.OpenFlag;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect <dir>}: a store directory's events, sync head and state tables, read-only and
 * without the store's schema (any LiveStore 0.4.0 directory, from Java or JavaScript).
 */
@Command(name = "inspect", description = "Print a store directory's events, sync head and state tables (read-only).")
final class InspectCommand implements Callable<Integer> {
    private final Io io;

    @Mixin
    RuntimeOptions runtimeOptions = new RuntimeOptions();

    @Parameters(index = "0", paramLabel = "DIR", description = "The store directory: <base>/<storeId>, holding eventlog@6.db.")
    Path dir;

    @Option(names = "--rows", description = "Rows to show per state table (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int rows;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    InspectCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        Path eventlog = dir.resolve(EVENTLOG);
        String problem = Files.isRegularFile(eventlog) ? null : notAStore(dir);
        if (problem != null) {
            io.err().println("Error: " + problem);
            return ExitCodes.USAGE;
        }
        try (SqliteRuntime runtime = runtimeOptions.start()) {
            try (Database db = runtime.open(eventlog.toAbsolutePath().toString(), OpenFlag.READONLY)) {
                io.out().println("store " + dir);
                try (Statement st = db.prepare("SELECT head, backendId, (SELECT count(*) FROM eventlog WHERE seqNumGlobal > head "
                    + "AND seqNumClient = 0) FROM __livestore_sync_status")) {
                    if (st.step()) io.out().println("sync head: e" + st.getLong(0) + ", backend: "
                        + (st.isNull(1) ? "(none yet)" : st.getText(1)) + ", pending (not yet confirmed by the backend): " + st.getLong(2));
                }
                List<String> events = new ArrayList<>();
                try (Statement st = db.prepare("SELECT seqNumGlobal, seqNumClient, seqNumRebaseGeneration, parentSeqNumGlobal, "
                    + "parentSeqNumClient, parentSeqNumRebaseGeneration, name, argsJson, clientId FROM eventlog "
                    + "ORDER BY seqNumGlobal, seqNumClient, seqNumRebaseGeneration")) {
                    while (st.step()) {
                        events.add("  " + seq(st, 0) + " (parent " + seq(st, 3) + ") " + st.getText(6) + " " + st.getText(7)
                            + " [client " + st.getText(8) + "]");
                    }
                }
                io.out().println("events: " + events.size());
                events.forEach(io.out()::println);
            }
            for (Path state : stateFiles()) {
                io.out().println("state " + state.getFileName());
                try (Database db = runtime.open(state.toAbsolutePath().toString(), OpenFlag.READONLY)) {
                    List<String> tables = new ArrayList<>();
                    try (Statement st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                        while (st.step()) tables.add(st.getText(0));
                    }
                    for (String t : tables) printTable(db, t);
                }
            }
        }
        io.out().flush();
        return ExitCodes.OK;
    }

    private void printTable(Database db, String table) {
        String q = "\"" + table.replace("\"", "\"\"") + "\"";
        long count;
        try (Statement st = db.prepare("SELECT count(*) FROM " + q)) {
            st.step();
            count = st.getLong(0);
        }
        io.out().println("  table " + table + ": " + count + " rows");
        if (table.equals("__livestore_session_changeset")) return;   // blobs
        try (Statement st = db.prepare("SELECT * FROM " + q + " LIMIT " + rows)) {
            while (st.step()) {
                StringBuilder line = new StringBuilder("    ");
                for (int i = 0; i < st.columnCount(); i++) {
                    if (i > 0) line.append(" | ");
                    Object v = st.getObject(i);
                    line.append(v == null ? "NULL" : v instanceof byte[] ? "<blob " + ((byte[]) v).length + " bytes>" : v);
                }
                io.out().println(line);
            }
        }
    }

    static final String EVENTLOG = "eventlog@6.db";
    private static final java.util.regex.Pattern OTHER_VERSION = java.util.regex.Pattern.compile("eventlog@(\\d+)\\.db");

    /** Why {@code dir}, which has no {@value #EVENTLOG}, is not a store directory this command reads. */
    static String notAStore(Path dir) throws IOException {
        if (!Files.exists(dir)) return dir + " does not exist";
        if (!Files.isDirectory(dir)) {
            String hint = dir.getFileName() != null && OTHER_VERSION.matcher(dir.getFileName().toString()).matches()
                ? ": give the directory that holds it, " + dir.toAbsolutePath().getParent() : "";
            return dir + " is a file, not a store directory" + hint;
        }
        List<String> versions = new ArrayList<>();
        List<String> stores = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                java.util.regex.Matcher m = OTHER_VERSION.matcher(p.getFileName().toString());
                if (m.matches()) versions.add(m.group(1));
                else if (Files.isRegularFile(p.resolve(EVENTLOG))) stores.add(p.getFileName().toString());
            }
        }
        versions.sort(null);
        stores.sort(null);
        if (!versions.isEmpty()) {
            return dir + " holds a store of another format version (eventlog@" + String.join(".db, eventlog@", versions)
                + ".db): this tool reads format version 6 (" + EVENTLOG + ", LiveStore 0.4.0)";
        }
        if (!stores.isEmpty()) {
            return dir + " is a base directory, not a store directory: it holds the store(s) " + String.join(", ", stores)
                + "; inspect " + dir.resolve(stores.get(0));
        }
        return dir + " is not a store directory: it holds no " + EVENTLOG;
    }

    private List<Path> stateFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "state*@6.db")) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private static String seq(Statement st, int first) {
        long c = st.getLong(first + 1);
        long r = st.getLong(first + 2);
        return "e" + st.getLong(first) + (c > 0 ? "." + c : "") + (r > 0 ? "r" + r : "");
    }
}
