package dev.livestorejvm.differential;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random script: a small random schema (typed, STRICT, WITHOUT ROWID, indexes, a view),
 * then mixed DML and queries over it, with literal and bound values from every storage class and
 * their edges. The same seed always gives the same script; errors (constraint failures, type
 * mismatches in STRICT tables) are part of what is compared.
 */
final class SqlGenerator {
    private static final String[] TYPES = {"INTEGER", "REAL", "TEXT", "BLOB", "NUMERIC", "", "ANY", "INT", "VARCHAR(5)", "FLOAT"};
    private static final String[] STRICT_TYPES = {"INTEGER", "REAL", "TEXT", "BLOB", "ANY", "INT"};
    private static final String[] ZONES = {"UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe"};
    private static final String[] UNARY = {"abs(%s)", "typeof(%s)", "length(%s)", "hex(%s)", "quote(%s)", "upper(%s)",
        "lower(%s)", "trim(%s)", "-(%s)", "CAST(%s AS INTEGER)", "CAST(%s AS REAL)", "CAST(%s AS TEXT)", "CAST(%s AS BLOB)",
        "CAST(%s AS NUMERIC)", "round(%s, 2)", "coalesce(%s, 'none')", "ifnull(%s, 0)", "unicode(%s)", "zeroblob(2) || %s",
        "json_quote(%s)", "printf('%%.3f|%%d|%%s', %s, %s, %s)", "substr(%s, 2, 3)", "instr(%s, 'a')", "%s IS NULL",
        "likely(%s)", "sign(%s)", "floor(%s)", "ceil(%s)", "sqrt(abs(%s))", "ln(abs(%s) + 1)", "datetime(%s)",
        "date(%s, '+1 month')", "julianday(%s)", "strftime('%%s', %s)", "unixepoch(%s)", "format('%%x', %s)",
        "reverse(%s)", "char(65 + abs(%s) %% 20)", "nullif(%s, 0)", "iif(%s, 'y', 'n')", "~%s", "NOT %s"};
    private static final String[] BINARY = {"%s + %s", "%s - %s", "%s * %s", "%s / %s", "%s %% %s", "%s || %s", "%s = %s",
        "%s < %s", "%s >= %s", "%s <> %s", "%s IS %s", "%s AND %s", "%s OR %s", "%s & %s", "%s | %s", "%s << %s", "%s >> %s",
        "max(%s, %s)", "min(%s, %s)", "%s LIKE %s", "%s GLOB %s", "coalesce(%s, %s)", "%s COLLATE NOCASE = %s",
        "json_array(%s, %s)", "json_object('a', %s, 'b', %s)", "round(%s, %s)", "substr(%s, %s)", "instr(%s, %s)",
        "power(%s, %s)", "atan2(%s, %s)", "%s BETWEEN 0 AND %s"};
    private static final String[] AGGREGATES = {"count(*)", "count(%s)", "sum(%s)", "total(%s)", "avg(%s)", "min(%s)",
        "max(%s)", "group_concat(%s)", "json_group_array(%s)", "string_agg(%s, ';')", "stdev(%s)", "median(%s)"};
    private static final String[] WINDOWS = {"row_number() OVER (ORDER BY %s)", "rank() OVER (ORDER BY %s)",
        "sum(%s) OVER (ORDER BY rowid ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)", "lag(%s) OVER (ORDER BY rowid)",
        "first_value(%s) OVER (PARTITION BY typeof(%s))", "ntile(3) OVER (ORDER BY %s)", "percent_rank() OVER (ORDER BY %s)"};

    private final Random r;
    private final List<Table> tables = new ArrayList<>();
    private final List<Script.Step> steps = new ArrayList<>();
    private boolean inTransaction;

    private record Table(String name, List<String> columns, boolean strict, boolean withoutRowid) {}

    private SqlGenerator(long seed) {
        this.r = new Random(seed);
    }

    static Script generate(long seed) {
        return new SqlGenerator(seed).script(seed);
    }

    private Script script(long seed) {
        boolean fts5 = r.nextInt(10) == 0;
        int nTables = 1 + r.nextInt(3);
        for (int t = 0; t < nTables; t++) createTable("t" + t);
        if (r.nextBoolean()) createIndex();
        if (r.nextInt(3) == 0) {
            Table t = pick();
            sql("CREATE VIEW v AS SELECT " + String.join(", ", t.columns()) + ", " + expr(t, 2) + " AS e FROM " + t.name());
        }
        if (r.nextInt(4) == 0) {
            Table t = pick();
            sql("CREATE TRIGGER tr AFTER INSERT ON " + t.name() + " BEGIN UPDATE " + t.name() + " SET " + pickColumn(t)
                + " = " + expr(t, 1) + " WHERE rowid = new.rowid AND " + expr(t, 1) + "; END");
        }
        if (fts5) sql("CREATE VIRTUAL TABLE ft USING fts5(body, tokenize = 'unicode61')");
        int n = 8 + r.nextInt(30);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(100);
            if (k < 35) insert();
            else if (k < 45) update();
            else if (k < 52) delete();
            else if (k < 80) select();
            else if (k < 86) transaction();
            else if (k < 90) steps.add(Script.Step.serialize());
            else if (k < 94) upsert();
            else if (fts5) ftsStep();
            else aggregate();
        }
        if (inTransaction) sql(r.nextBoolean() ? "COMMIT" : "ROLLBACK");
        int seedBits = (int) (seed ^ (seed >>> 32));
        long time = Instant.parse("1995-01-01T00:00:00Z").toEpochMilli() + (long) (r.nextDouble() * 2_000_000_000_000L);
        String storage = r.nextInt(4) == 0 ? "file" : "memory";
        return new Script("generated-" + seed, fts5 ? "fts5" : "default", ZONES[r.nextInt(ZONES.length)],
            seedBits == 0 ? 1 : seedBits, time, false, storage, steps);
    }

    private void createTable(String name) {
        boolean strict = r.nextInt(3) == 0;
        boolean withoutRowid = r.nextInt(5) == 0;
        int nCols = 1 + r.nextInt(4);
        List<String> cols = new ArrayList<>();
        StringBuilder b = new StringBuilder("CREATE TABLE " + name + "(");
        boolean intPk = !withoutRowid && r.nextBoolean();
        if (intPk) {
            cols.add("id");
            b.append("id INTEGER PRIMARY KEY, ");
        }
        for (int c = 0; c < nCols; c++) {
            String col = "c" + c;
            cols.add(col);
            String type = strict ? STRICT_TYPES[r.nextInt(STRICT_TYPES.length)] : TYPES[r.nextInt(TYPES.length)];
            b.append(col).append(' ').append(type);
            int k = r.nextInt(10);
            if (k == 0) b.append(" NOT NULL DEFAULT 0");
            else if (k == 1) b.append(" UNIQUE");
            else if (k == 2 && !strict) b.append(" COLLATE NOCASE");
            else if (k == 3) b.append(" CHECK (typeof(").append(col).append(") <> 'blob')");
            b.append(", ");
        }
        if (r.nextInt(4) == 0) {
            String g = "g" + cols.size();
            b.append(g).append(" AS (").append(cols.get(cols.size() - 1)).append(" || 'x')").append(r.nextBoolean() ? " STORED" : "").append(", ");
        }
        if (withoutRowid) b.append("PRIMARY KEY (").append(cols.get(0)).append(")");
        else b.setLength(b.length() - 2);
        b.append(')');
        if (strict) b.append(" STRICT");
        if (withoutRowid) b.append(strict ? ", WITHOUT ROWID" : " WITHOUT ROWID");
        sql(b.toString());
        tables.add(new Table(name, cols, strict, withoutRowid));
    }

    private void createIndex() {
        Table t = pick();
        String c = pickColumn(t);
        String unique = r.nextInt(4) == 0 ? "UNIQUE " : "";
        String where = r.nextInt(3) == 0 ? " WHERE " + c + " IS NOT NULL" : "";
        sql("CREATE " + unique + "INDEX i_" + t.name() + "_" + c + " ON " + t.name() + "(" + c + (r.nextBoolean() ? " DESC" : "") + ")" + where);
    }

    private void insert() {
        Table t = pick();
        List<String> cols = t.columns();
        int rows = 1 + r.nextInt(3);
        List<Param> params = new ArrayList<>();
        StringBuilder b = new StringBuilder("INSERT " + (r.nextInt(5) == 0 ? "OR IGNORE " : "") + "INTO " + t.name()
            + "(" + String.join(", ", cols) + ") VALUES ");
        for (int i = 0; i < rows; i++) {
            b.append(i > 0 ? ", (" : "(");
            for (int c = 0; c < cols.size(); c++) {
                if (c > 0) b.append(", ");
                if (r.nextBoolean()) {
                    b.append('?');
                    params.add(param());
                } else {
                    b.append(literal());
                }
            }
            b.append(')');
        }
        if (r.nextInt(3) == 0) b.append(" RETURNING *, ").append(expr(t, 1));
        steps.add(Script.Step.sql(b.toString(), params));
    }

    private void upsert() {
        Table t = pick();
        String c = pickColumn(t);
        sql("INSERT INTO " + t.name() + "(" + String.join(", ", t.columns()) + ") SELECT " + String.join(", ", t.columns())
            + " FROM " + t.name() + " WHERE true ON CONFLICT DO UPDATE SET " + c + " = " + expr(t, 1) + " RETURNING " + c);
    }

    private void update() {
        Table t = pick();
        String c = pickColumn(t);
        sql("UPDATE " + (r.nextInt(4) == 0 ? "OR REPLACE " : "") + t.name() + " SET " + c + " = " + expr(t, 2)
            + " WHERE " + expr(t, 2) + (r.nextInt(3) == 0 ? " RETURNING " + expr(t, 1) : ""));
    }

    private void delete() {
        Table t = pick();
        sql("DELETE FROM " + t.name() + " WHERE " + expr(t, 2));
    }

    private void select() {
        Table t = pick();
        StringBuilder b = new StringBuilder("SELECT ");
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(", ");
            b.append(r.nextInt(6) == 0 ? String.format(WINDOWS[r.nextInt(WINDOWS.length)], pickColumn(t), pickColumn(t)) : expr(t, 3));
        }
        b.append(" FROM ").append(t.name());
        if (r.nextBoolean()) b.append(" WHERE ").append(expr(t, 2));
        b.append(" ORDER BY ").append(r.nextBoolean() ? "1" : pickColumn(t)).append(r.nextBoolean() ? " DESC" : "");
        if (r.nextInt(3) == 0) b.append(" LIMIT ").append(r.nextInt(5)).append(" OFFSET ").append(r.nextInt(3));
        List<Param> params = new ArrayList<>();
        String sql = b.toString();
        if (r.nextInt(3) == 0) {
            sql = "SELECT ?, ?, * FROM (" + sql + ")";
            params.add(param());
            params.add(param());
        }
        steps.add(Script.Step.sql(sql, params));
    }

    private void aggregate() {
        Table t = pick();
        String agg = AGGREGATES[r.nextInt(AGGREGATES.length)].replace("%s", expr(t, 1));
        if (r.nextBoolean()) {
            sql("SELECT typeof(" + pickColumn(t) + ") AS k, " + agg + " FROM " + t.name() + " GROUP BY k ORDER BY k");
        } else {
            sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + (1 + r.nextInt(20))
                + ") SELECT " + agg.replace(pickColumn(t), "i") + ", count(*) FROM n LEFT JOIN " + t.name() + " ON " + expr(t, 1));
        }
    }

    private void transaction() {
        if (!inTransaction) {
            sql(new String[] {"BEGIN", "BEGIN IMMEDIATE", "SAVEPOINT s1"}[r.nextInt(3)]);
            inTransaction = true;
        } else {
            sql(new String[] {"COMMIT", "ROLLBACK", "RELEASE s1", "ROLLBACK TO s1"}[r.nextInt(4)]);
            inTransaction = r.nextInt(4) == 0;
        }
    }

    private void ftsStep() {
        if (r.nextBoolean()) {
            steps.add(Script.Step.sql("INSERT INTO ft(body) VALUES (?)", List.of(Param.text(words()))));
        } else {
            sql("SELECT rowid, highlight(ft, 0, '[', ']'), bm25(ft) FROM ft WHERE ft MATCH '" + word() + "' ORDER BY rank");
        }
    }

    private String words() {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) b.append(i > 0 ? " " : "").append(word());
        return b.toString();
    }

    private String word() {
        return new String[] {"alpha", "beta", "gamma", "delta", "Ärger", "naïve", "straße", "日本"}[r.nextInt(8)];
    }

    private String expr(Table t, int depth) {
        if (depth <= 0 || r.nextInt(3) == 0) return r.nextInt(3) == 0 ? literal() : pickColumn(t);
        if (r.nextBoolean()) {
            String f = UNARY[r.nextInt(UNARY.length)];
            String a = expr(t, depth - 1);
            return "(" + f.replace("%s", a).replace("%%", "%") + ")";
        }
        String f = BINARY[r.nextInt(BINARY.length)];
        String a = expr(t, depth - 1);
        String b = expr(t, depth - 1);
        return "(" + f.replaceFirst("%s", java.util.regex.Matcher.quoteReplacement(a))
            .replaceFirst("%s", java.util.regex.Matcher.quoteReplacement(b)).replace("%%", "%") + ")";
    }

    private String literal() {
        switch (r.nextInt(14)) {
            case 0: return "NULL";
            case 1: return Long.toString(r.nextLong());
            case 2: return Integer.toString(r.nextInt(21) - 10);
            case 3: return new String[] {"9223372036854775807", "-9223372036854775808", "9223372036854775808", "0x7fffffffffffffff", "-0"}[r.nextInt(5)];
            case 4: return Double.toString(r.nextGaussian() * 1000);
            case 5: return new String[] {"-0.0", "1e308", "1e-320", "4.9e-324", "1.5", "0.1", "2.5e15", "1e999"}[r.nextInt(8)];
            case 6: return "'" + new String[] {"", "a", "Abc", "ß", "😀", "ﬀ", "10", " 12 ", "1e3", "0x10", "NaN", "2024-02-29 12:00:00", "null"}[r.nextInt(13)] + "'";
            case 7: return "x'" + Param.HEX.formatHex(bytes(r.nextInt(6))) + "'";
            case 8: return "CAST(x'" + new String[] {"ff", "c0af", "eda080", "f09f9880", "00", "41004200"}[r.nextInt(6)] + "' AS TEXT)";
            case 9: return "char(" + (r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(0x10ffff)) + ")";
            case 10: return "'{\"a\":[1,2,{\"b\":null}],\"c\":\"x\"}' -> '$.a[" + r.nextInt(4) + "]'";
            case 11: return new String[] {"'now'", "'2000-01-01'", "'12:34'", "'2024-02-29 23:59:60.5'", "1700000000", "2460000.5"}[r.nextInt(6)];
            case 12: return "random() % 1000";
            default: return "(SELECT count(*) FROM " + pick().name() + ")";
        }
    }

    private Param param() {
        switch (r.nextInt(9)) {
            case 0: return Param.nul();
            case 1: return Param.integer(r.nextLong());
            case 2: return Param.integer(r.nextInt(100) - 50);
            case 3: return Param.real(new double[] {-0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e-300, 0.1}[r.nextInt(6)]);
            case 4: return Param.real(r.nextGaussian() * 1e6);
            case 5: return Param.text(new String[] {"", "a\0b", "𝄞 music", "مرحبا", "x".repeat(300), "  7  "}[r.nextInt(6)]);
            case 6: return Param.blob(bytes(r.nextInt(40)));
            case 7: return Param.zeroblob(r.nextInt(5));
            default: return Param.text(Integer.toString(r.nextInt(1000)));
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private Table pick() {
        return tables.get(r.nextInt(tables.size()));
    }

    private String pickColumn(Table t) {
        return t.columns().get(r.nextInt(t.columns().size()));
    }

    private void sql(String sql) {
        steps.add(Script.Step.sql(sql, List.of()));
    }
}
