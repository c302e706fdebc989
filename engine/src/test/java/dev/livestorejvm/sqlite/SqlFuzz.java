package dev.livestorejvm.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Random deeply nested SQL (expressions, subqueries, function calls, JSON, CTEs), seeded. Every
 * statement must end with a result or a {@link SqliteException}; the runtime must stay usable after
 * each; a file database written in between must pass {@code PRAGMA integrity_check}. Run by
 * {@link SqlFuzzTest} in child JVMs with different {@code -Xss}; as a program:
 * {@code SqlFuzz <seed> <statements>}, printing {@code fuzz ok <n> results <m> errors} or failing.
 */
public final class SqlFuzz {
    private final Random r;

    SqlFuzz(long seed) {
        r = new Random(seed);
    }

    /** Depths mostly moderate, sometimes near or past the engine's limit. */
    int depth() {
        int k = r.nextInt(10);
        if (k < 5) return r.nextInt(50);
        if (k < 8) return r.nextInt(1500);
        return r.nextInt(5000);
    }

    String expr(int depth) {
        if (depth <= 0) return leaf();
        switch (r.nextInt(12)) {
            case 0: return leaf() + (" " + pick("+", "-", "*", "||", "AND", "OR", "=", "<", "&", "|") + " " + leaf()).repeat(depth);
            case 1: return pick("abs", "coalesce", "ifnull", "quote", "typeof", "hex", "length", "upper") + "(" + expr(depth - 1)
                + (r.nextBoolean() ? ", 1" : "") + ")";
            case 2: return "(SELECT " + expr(depth - 1) + ")";
            case 3: return "CASE WHEN " + leaf() + " THEN " + expr(depth - 1) + " ELSE " + leaf() + " END";
            case 4: return "NOT " + expr(depth - 1);
            case 5: return "(" + expr(depth - 1) + ")";
            case 6: return "json_extract('" + json(Math.min(depth, 1200)) + "', '$')";
            case 7: return leaf() + " IN (SELECT " + expr(depth - 1) + ")";
            case 8: return "-" + " " + expr(depth - 1);
            case 9: return "CAST(" + expr(depth - 1) + " AS " + pick("INT", "TEXT", "REAL", "BLOB") + ")";
            case 10: return "EXISTS (SELECT " + expr(depth - 1) + " WHERE " + leaf() + ")";
            default: return expr(depth / 2) + " " + pick("+", "||", "AND", "IS") + " " + expr(depth / 2);
        }
    }

    String json(int depth) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) s.append(r.nextBoolean() ? "[" : "{\"k\":");
        s.append(r.nextInt(100));
        for (int i = depth - 1; i >= 0; i--) {
            // close in reverse order of opening: rebuild from the string
            char open = openAt(s, i);
            s.append(open == '[' ? "]" : "}");
        }
        return s.toString();
    }

    private static char openAt(StringBuilder s, int level) {
        int seen = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '{') {
                if (seen == level) return c;
                seen++;
            }
        }
        return '[';
    }

    String leaf() {
        switch (r.nextInt(6)) {
            case 0: return Integer.toString(r.nextInt(100) - 50);
            case 1: return "'" + "s".repeat(r.nextInt(4)) + "'";
            case 2: return "NULL";
            case 3: return Double.toString(r.nextDouble());
            case 4: return "x'0a'";
            default: return "random() % 7";
        }
    }

    String statement() {
        int d = depth();
        switch (r.nextInt(5)) {
            case 0: return "WITH c(x) AS (SELECT " + expr(d) + ") SELECT x FROM c";
            case 1: return "SELECT " + expr(d) + " FROM w LIMIT 3";
            case 2: return "INSERT INTO w(v) VALUES (" + expr(d) + ")";
            case 3: return "SELECT json_valid('" + json(r.nextInt(1100)) + "')";
            default: return "SELECT " + expr(d);
        }
    }

    private String pick(String... options) {
        return options[r.nextInt(options.length)];
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int n = Integer.parseInt(args[1]);
        SqlFuzz fuzz = new SqlFuzz(seed);
        Path dir = Files.createTempDirectory("sqlfuzz");
        String file = dir.resolve("fuzz.db").toString();
        int results = 0;
        int errors = 0;
        try (SqliteRuntime rt = SqliteRuntime.create(); Database db = rt.open(file)) {
            db.exec("CREATE TABLE w(id INTEGER PRIMARY KEY, v)");
            for (int i = 0; i < n; i++) {
                String sql = fuzz.statement();
                try (Statement st = db.prepare(sql)) {
                    while (st.step()) {
                        for (int c = 0; c < st.columnCount(); c++) st.getText(c);
                    }
                    results++;
                } catch (SqliteException e) {
                    if (rt.isFailed() || e.resultCode() == ResultCode.SQLITE_INTERNAL) {
                        throw new AssertionError("seed " + seed + " statement " + i + " stopped the runtime: " + e.getMessage(), e);
                    }
                    errors++;
                }
                if (i % 10 == 9) {
                    db.execute("INSERT INTO w(v) VALUES (?)", "row " + i);
                    try (Statement st = db.prepare("PRAGMA integrity_check")) {
                        st.step();
                        if (!"ok".equals(st.getText(0))) throw new AssertionError("seed " + seed + " after " + i + ": " + st.getText(0));
                    }
                }
            }
            if (rt.isFailed()) throw new AssertionError("runtime failed");
        } finally {
            Files.deleteIfExists(Path.of(file));
            Files.deleteIfExists(Path.of(file + "-journal"));
            Files.deleteIfExists(dir);
        }
        System.out.println("fuzz ok " + n + " statements, " + results + " results, " + errors + " errors");
    }
}
