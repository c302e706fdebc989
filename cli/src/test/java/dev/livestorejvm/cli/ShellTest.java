package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the shell reads statements, reports errors, and ends: scripts, arguments and a terminal. */
class ShellTest {
    private static Cli.Result list(String script) {
        return Cli.sql(".mode list\n" + script);
    }

    @Test
    void aStatementMaySpanLinesAndEndsAtItsSemicolon() {
        Cli.Result r = list("SELECT\n  1 + 1\n  AS two\n;\nSELECT 3;\n");
        assertEquals("2\n3\n", r.out(), r::toString);
    }

    @Test
    void severalStatementsOnOneLineRunInOrder() {
        Cli.Result r = list("CREATE TABLE t(a); INSERT INTO t VALUES (1), (2); SELECT sum(a) FROM t; SELECT count(*) FROM t;\n");
        assertEquals("3\n2\n", r.out(), r::toString);
    }

    @Test
    void semicolonsInStringsCommentsAndTriggerBodiesDoNotEndAStatement() {
        Cli.Result r = list(String.join("\n",
            "SELECT 'a;b', -- c;",
            "  /* d; */ 'e';",
            "CREATE TABLE t(a); CREATE TABLE log(msg);",
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN",
            "  INSERT INTO log VALUES ('one;');",
            "  INSERT INTO log VALUES ('two');",
            "END;",
            "INSERT INTO t VALUES (1);",
            "SELECT group_concat(msg, '+') FROM log;",
            ""));
        assertEquals("a;b|e\none;+two\n", r.out(), r::toString);
        assertEquals(0, r.code());
    }

    @Test
    void theLastStatementMayLackItsSemicolon() {
        assertEquals("1\n2\n", list("SELECT 1;\nSELECT\n2").out());
    }

    @Test
    void commentsAndBlankLinesAloneRunNothing() {
        Cli.Result r = list("-- only a comment\n\n   \n/* a\n block */\n;;\nSELECT 5; -- trailing\n/* open at the end");
        assertEquals("5\n", r.out(), r::toString);
        assertEquals("", r.err());
        assertEquals(0, r.code());
    }

    @Test
    void anSqlErrorGoesToStderrWithItsCodeAndTheScriptGoesOnThenExitsOne() {
        Cli.Result r = list("SELECT 1;\nSELECT * FROM missing;\nSELECT 2;\n");
        assertEquals("1\n2\n", r.out());
        assertEquals("Error: near line 3: [SQLITE_ERROR] no such table: missing\n", r.err(), "line 1 is .mode");
        assertEquals(ExitCodes.SQL_ERROR, r.code());
    }

    @Test
    void aSyntaxErrorPointsAtItsLine() {
        Cli.Result r = list("SELECT 1;\nSELECT\n  1 +* 2;\n");
        assertEquals(ExitCodes.SQL_ERROR, r.code());
        assertTrue(r.err().startsWith("Error: near line 4: [SQLITE_ERROR] near \"*\": syntax error\n"), r::toString);
        assertTrue(r.err().contains("    1 +* 2;\n       ^--- error here\n"), r::toString);
    }

    @Test
    void extendedResultCodesAreNamed() {
        Cli.Result r = list("CREATE TABLE t(a UNIQUE);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);\n");
        assertTrue(r.err().contains("[SQLITE_CONSTRAINT_UNIQUE] UNIQUE constraint failed: t.a"), r::toString);
        assertEquals(ExitCodes.SQL_ERROR, r.code());
    }

    @Test
    void bailStopsAtTheFirstError() {
        Cli.Result r = Cli.run(".mode list\nSELECT 1;\nSELECT nope;\nSELECT 2;\n", "sql", "--bail");
        assertEquals("1\n", r.out());
        assertTrue(r.err().contains("no such column: nope"), r::toString);
        assertEquals(ExitCodes.SQL_ERROR, r.code());
    }

    @Test
    void sqlArgumentsRunInsteadOfStdin() {
        Cli.Result r = Cli.run("SELECT 'stdin';", "sql", ".mode list", "SELECT 1; SELECT 2", "SELECT 3");
        assertEquals("1\n2\n3\n", r.out(), r::toString);
        assertEquals(0, r.code());
    }

    @Test
    void anErrorInAnArgumentNamesTheArgument() {
        Cli.Result r = Cli.run("", "sql", "SELECT 1", "SELECT * FROM nope");
        assertEquals("Error: near line 1 of argument 2: [SQLITE_ERROR] no such table: nope\n", r.err());
        assertEquals(ExitCodes.SQL_ERROR, r.code());
    }

    @Test
    void emptyStdinExitsZeroSilently() {
        Cli.Result r = Cli.sql("");
        assertEquals(new Cli.Result(0, "", ""), r);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(ExitCodes.USAGE, Cli.run("").code(), "no command");
        Cli.Result unknown = Cli.run("", "frobnicate");
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("frobnicate"), unknown::toString);
        Cli.Result option = Cli.run("", "sql", "--no-such-option");
        assertEquals(ExitCodes.USAGE, option.code());
        assertTrue(option.err().contains("Unknown option: '--no-such-option'"), option::toString);
        assertEquals(ExitCodes.USAGE, Cli.run("", "sql", "--db").code(), "--db without a name");
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Cli.Result top = Cli.run("", "--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("sql ") && top.out().contains("version "), top::toString);
        Cli.Result sql = Cli.run("", "sql", "--help");
        assertEquals(0, sql.code());
        for (String option : new String[] {"--db", "--interpreted", "--fts5", "--bail", "--mode", "--headers", "NULL"}) {
            assertTrue(sql.out().contains(option), option);
        }
    }

    @Test
    void aFileDatabaseOutlivesTheShell(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String file = dir.resolve("data.db").toString();
        Cli.Result write = Cli.run("", "sql", "--db", file, "CREATE TABLE t(a); INSERT INTO t VALUES (42);");
        assertEquals(0, write.code(), write::toString);
        assertTrue(java.nio.file.Files.exists(dir.resolve("data.db")));
        Cli.Result read = Cli.run("", "sql", "--db", file, "--mode", "list", "SELECT a FROM t");
        assertEquals(0, read.code(), read::toString);
        assertEquals("42", read.out().strip());
        Cli.Result missingDir = Cli.run("", "sql", "--db", dir.resolve("no/such/dir/x.db").toString(), "SELECT 1");
        assertEquals(ExitCodes.SQL_ERROR, missingDir.code(), missingDir::toString);
        assertTrue(missingDir.err().contains("cannot open"), missingDir::toString);
    }

    @Test
    void aTerminalGetsABannerAndPrompts() {
        Cli.Result r = Cli.interactive(".mode list\nSELECT\n 7;\n.quit\nSELECT 8;\n", "sql");
        assertTrue(r.out().startsWith("livestore-jvm SQL shell: SQLite 3.50.4"), r::toString);
        assertTrue(r.out().contains(Shell.PROMPT + Shell.PROMPT + Shell.CONTINUATION + "7\n" + Shell.PROMPT), r::toString);
        assertFalse(r.out().contains("8"), "nothing runs after .quit");
        assertEquals(0, r.code());
    }

    @Test
    void aTerminalSessionShowsErrorsWithoutLineNumbersAndExitsZero() {
        Cli.Result r = Cli.interactive("SELECT * FROM nope;\n", "sql");
        assertEquals("Error: [SQLITE_ERROR] no such table: nope\n", r.err());
        assertEquals(0, r.code(), "the person saw the error; ending the session is not a failure");
    }

    @Test
    void pipedInputGetsNoPrompt() {
        Cli.Result r = list("SELECT 1;\n");
        assertFalse(r.out().contains(Shell.PROMPT));
        assertFalse(r.out().contains("livestore-jvm"));
    }

    @Test
    void interpretedModeGivesTheSameAnswer() {
        Cli.Result r = Cli.run("", "sql", "--interpreted", "--mode", "list",
            "SELECT sqlite_version(), 6 * 7, hex(zeroblob(2))");
        assertEquals("3.50.4|42|0000\n", r.out(), r::toString);
    }

    @Test
    void fts5IsThereOnlyInTheFts5Build() {
        String sql = "CREATE VIRTUAL TABLE f USING fts5(body); INSERT INTO f VALUES ('hello world'), ('bye');"
            + " SELECT body FROM f WHERE f MATCH 'hello'";
        Cli.Result with = Cli.run("", "sql", "--fts5", "--mode", "list", sql);
        assertEquals("hello world\n", with.out(), with::toString);
        Cli.Result without = Cli.run("", "sql", "--mode", "list", sql);
        assertTrue(without.err().contains("[SQLITE_ERROR] no such module: fts5"), without::toString);
        assertEquals(ExitCodes.SQL_ERROR, without.code());
    }
}
