package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.wasm.WasmBinary;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The default runtime started while picocli parses (EarlyRuntime): who gets it, and when not. */
class EarlyRuntimeTest {
    private static final Io IO = new Io(new ByteArrayInputStream(new byte[0]),
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8),
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), false);

    @Test
    void onlyCommandsThatRunTheDefaultRuntimeStartOne() {
        for (String[] args : new String[][] {{}, {"--help"}, {"demo"}, {"inspect", "x"}, {"serve"}, {"sql", "--fts5"},
            {"sql", "--interpreted", "select 1"}, {"sql", "--help"}, {"version", "-h"}}) {
            assertNull(EarlyRuntime.startFor(args), String.join(" ", args));
        }
    }

    @Test
    void theOptionsTakeItOnceAndItWorks() throws Exception {
        EarlyRuntime early = EarlyRuntime.startFor("sql", "select 1");
        assertNotNull(early);
        RuntimeOptions options = new RuntimeOptions();
        options.early = early;
        try (SqliteRuntime runtime = options.start()) {
            assertEquals(WasmBinary.DEFAULT, runtime.binaryInfo().binary());
            try (Database db = runtime.open(":memory:")) {
                db.exec("create table t(x); insert into t values (42)");
            }
            assertNull(early.take(), "a second taker gets nothing");
            early.closeIfUnused();   // taken: not closed under its user
            try (Database db = runtime.open(":memory:")) {
                db.exec("select 1");
            }
        }
    }

    @Test
    void optionsAskingForAnotherRuntimeLeaveItAndBuildTheirOwn() {
        EarlyRuntime early = EarlyRuntime.startFor("sql", "select 1");
        RuntimeOptions options = new RuntimeOptions();
        options.early = early;
        options.fts5 = true;
        try (SqliteRuntime runtime = options.start()) {
            assertEquals(WasmBinary.FTS5, runtime.binaryInfo().binary());
        }
        SqliteRuntime unused = early.take();
        assertNotNull(unused, "still there for another taker");
        unused.close();
    }

    /** Main hands the early runtime to the very options object picocli parses into. */
    @Test
    void theOptionsPicocliParsesAreTheOnesThatHoldIt() {
        var cli = Main.commandLine(IO, "sql", "--fts5");
        SqlCommand sql = (SqlCommand) cli.getSubcommands().get("sql").getCommand();
        RuntimeOptions before = sql.runtimeOptions;
        cli.parseArgs("sql", "--fts5");
        assertSame(before, sql.runtimeOptions);
        assertTrue(sql.runtimeOptions.fts5);
    }

    @Test
    void theCommandLineRunsWithIt() {
        Cli.Result r = Cli.run("", "sql", "--mode", "list", "select 6 * 7");
        assertEquals(new Cli.Result(0, "42\n", ""), r);
        Cli.Result v = Cli.run("", "version");
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().contains("sqlite_version: 3."), v.toString());
    }
}
