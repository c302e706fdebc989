package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dot command, used rightly and wrongly. */
class DotCommandsTest {
    private static final String SCHEMA = String.join("\n",
        "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT);",
        "CREATE INDEX users_name ON users(name);",
        "CREATE VIEW names AS SELECT name FROM users;",
        "CREATE TABLE orders(id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER);",
        "");

    @Test
    void tablesListsTablesAndViewsButNotSqliteInternals() {
        Cli.Result r = Cli.sql(SCHEMA + ".tables\n");
        assertEquals("names   orders  users\n", r.out(), r::toString);
    }

    @Test
    void tablesTakesALikePatternAndShowsAttachedSchemas() {
        assertEquals("users\n", Cli.sql(SCHEMA + ".tables u%\n").out());
        Cli.Result r = Cli.sql(SCHEMA + "ATTACH ':memory:' AS aux;\nCREATE TABLE aux.extra(x);\n.tables\n");
        assertEquals("names      orders     users      aux.extra\n", r.out(), r::toString);
    }

    @Test
    void tablesWrapsLongListsIntoColumnsWithin80Characters() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 30; i++) sql.append(String.format("CREATE TABLE table_number_%02d(x);%n", i));
        String out = Cli.sql(sql + ".tables\n").out();
        List<String> lines = out.lines().toList();
        assertTrue(lines.size() > 1 && lines.size() < 30, out);
        for (String line : lines) assertTrue(line.length() <= 80, line);
        assertEquals(30, Pattern.compile("table_number_\\d\\d").matcher(out).results().count());
        assertTrue(lines.get(0).startsWith("table_number_00  table_number_" + String.format("%02d", lines.size())), out);
    }

    @Test
    void schemaPrintsCreateStatementsInOrder() {
        Cli.Result r = Cli.sql(SCHEMA + ".schema\n");
        assertEquals(String.join("\n",
            "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT);",
            "CREATE INDEX users_name ON users(name);",
            "CREATE VIEW names AS SELECT name FROM users;",
            "CREATE TABLE orders(id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER);",
            "CREATE TABLE sqlite_sequence(name,seq);",
            ""), r.out());
    }

    @Test
    void schemaOfOneObject() {
        assertEquals("CREATE VIEW names AS SELECT name FROM users;\n", Cli.sql(SCHEMA + ".schema names\n").out());
        assertEquals("CREATE INDEX users_name ON users(name);\n", Cli.sql(SCHEMA + ".schema 'users_%'\n").out());
        assertEquals("", Cli.sql(SCHEMA + ".schema nothing_like_this\n").out());
    }

    @Test
    void timerPrintsTheRunTimeOfEachStatement() {
        Cli.Result r = Cli.sql(".mode list\n.timer on\nSELECT 1;\nCREATE TABLE t(a);\n.timer off\nSELECT 2;\n");
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r::toString);
        assertEquals("1", lines.get(0));
        Pattern runTime = Pattern.compile("Run Time: real \\d+\\.\\d{3} user \\d+\\.\\d{6} sys \\d+\\.\\d{6}");
        assertTrue(runTime.matcher(lines.get(1)).matches(), lines.get(1));
        assertTrue(runTime.matcher(lines.get(2)).matches(), lines.get(2));
        assertEquals("2", lines.get(3));
    }

    @Test
    void modeWithoutArgumentShowsTheCurrentMode() {
        assertEquals("current output mode: table\ncurrent output mode: csv\n",
            Cli.sql(".mode\n.mode CSV\n.mode\n").out());
    }

    @Test
    void headersOnAndOff() {
        assertEquals("a\n1\n1\n", Cli.sql(".mode list\n.headers on\nSELECT 1 AS a;\n.headers off\nSELECT 1 AS a;\n").out());
    }

    @Test
    void databasesListsSchemasAndFiles() {
        Cli.Result r = Cli.sql("ATTACH ':memory:' AS aux;\n.databases\n");
        assertEquals("main: \"\" r/w\naux: \"\"\n", r.out(), r::toString);
    }

    @Test
    void readRunsAFileAndReportsItsErrorsByFileAndLine(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("script.sql");
        Files.writeString(script, "CREATE TABLE t(a);\nINSERT INTO t VALUES (41);\nSELECT a + 1 FROM t;\nSELECT nope;\n",
            StandardCharsets.UTF_8);
        Cli.Result r = Cli.sql(".mode list\n.read '" + script + "'\nSELECT count(*) FROM t;\n");
        assertEquals("42\n1\n", r.out(), r::toString);
        assertEquals("Error: near line 4 of " + script + ": [SQLITE_ERROR] no such column: nope\n"
            + "  SELECT nope;\n"
            + "         ^--- error here\n", r.err());
        assertEquals(ExitCodes.SQL_ERROR, r.code());
    }

    @Test
    void readOfAMissingFileIsAnError(@TempDir Path dir) {
        Cli.Result r = Cli.sql(".read " + dir.resolve("missing.sql") + "\n");
        assertTrue(r.err().contains("cannot read") && r.err().contains("no such file"), r::toString);
        assertEquals(ExitCodes.SQL_ERROR, r.code());
    }

    @Test
    void readThatReadsItselfStopsAtADepthLimit(@TempDir Path dir) throws Exception {
        Path loop = dir.resolve("loop.sql");
        Files.writeString(loop, "SELECT 1;\n.read " + loop + "\n");
        Cli.Result r = Cli.sql(".mode list\n.read " + loop + "\n");
        assertEquals(16, r.out().lines().count(), r::toString);
        assertTrue(r.err().contains(".read nested more than 16 deep"), r::toString);
    }

    @Test
    void quitAndExitStopTheScript() {
        Cli.Result quit = Cli.sql(".mode list\nSELECT 1;\n.quit\nSELECT 2;\n");
        assertEquals("1\n", quit.out());
        assertEquals(0, quit.code());
        Cli.Result exit = Cli.sql(".mode list\nSELECT 1;\n.exit 3\nSELECT 2;\n");
        assertEquals("1\n", exit.out());
        assertEquals(3, exit.code());
        assertEquals(0, Cli.sql(".exit\n").code());
    }

    @Test
    void bailCanBeSwitchedOnInTheScript() {
        Cli.Result r = Cli.sql(".mode list\n.bail on\nSELECT nope;\nSELECT 2;\n");
        assertEquals("", r.out());
        assertEquals(ExitCodes.SQL_ERROR, r.code());
    }

    @Test
    void helpDescribesEveryCommandAndHowNullPrints() {
        String help = Cli.sql(".help\n").out();
        for (String cmd : new String[] {".bail", ".databases", ".exit", ".headers", ".help", ".mode", ".quit", ".read",
            ".schema", ".tables", ".timer"}) {
            assertTrue(help.contains("\n" + cmd + " ") || help.startsWith(cmd + " "), cmd);
        }
        for (OutputMode m : OutputMode.values()) assertTrue(help.contains(m.label() + " "), m.label());
        assertTrue(help.contains("NULL shows as NULL") && help.contains("NULL shows as empty"), help);
    }

    @Test
    void wrongUseOfADotCommandIsAnErrorAndTheScriptGoesOn() {
        Cli.Result r = Cli.sql(".mode list\n.bogus\n.mode xml\n.headers maybe\n.timer\n.exit x\n.tables a b\nSELECT 9;\n");
        assertEquals("9\n", r.out());
        String[] errors = r.err().split("\n");
        assertEquals(6, errors.length, r::toString);
        assertEquals("Error: near line 2: unknown command or invalid arguments: \"bogus\". Enter \".help\" for help", errors[0]);
        assertEquals("Error: near line 3: mode should be one of: table box list csv json", errors[1]);
        assertEquals("Error: near line 4: usage: .headers on|off", errors[2]);
        assertEquals("Error: near line 5: usage: .timer on|off", errors[3]);
        assertEquals("Error: near line 6: not an exit code: \"x\"", errors[4]);
        assertEquals("Error: near line 7: usage: .tables ?PATTERN?", errors[5]);
        assertEquals(ExitCodes.SQL_ERROR, r.code());
    }

    @Test
    void dotCommandsWorkAsArguments() {
        Cli.Result r = Cli.run("", "sql", "CREATE TABLE t(a)", ".tables", ".mode csv", "SELECT 1, 2");
        assertEquals("t\n1,2\r\n", r.out(), r::toString);
    }

    @Test
    void aDotInsideAStatementIsSql() {
        Cli.Result r = Cli.sql(".mode list\nSELECT\n.5;\n");
        assertEquals("0.5\n", r.out(), r::toString);
        assertFalse(r.err().contains("unknown command"));
    }

    @Test
    void wordsHonourQuotes() {
        assertEquals(List.of("read", "my file.sql"), DotCommands.words("read 'my file.sql'"));
        assertEquals(List.of("mode", "csv"), DotCommands.words("  mode   csv "));
        assertEquals(List.of("schema", "a b"), DotCommands.words("schema \"a b\""));
    }
}
