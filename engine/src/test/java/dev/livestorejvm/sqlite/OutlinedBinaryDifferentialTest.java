package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.wasm.ExecutionMode;
import dev.livestorejvm.wasm.WasmBinary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compiled path runs the binary as wasm/src/build/java/OutlineWasm.java left it (with
 * {@code -Doutline.threshold=N}, parts of SQLite's largest functions moved into new functions; by
 * default unchanged); the interpreted path runs the verified binary as published. The same
 * workloads must give the same rows, errors and change counts on both, and
 * the workloads go through the outlined functions: the VDBE loop, the parser, the query planner,
 * the b-tree balancer, printf, LIKE/GLOB, JSON, window functions, triggers, constraints.
 */
class OutlinedBinaryDifferentialTest {
    /** Rows written by the bulk part; CI gets fewer (the interpreter is slow). */
    private static final int ROWS = System.getenv("CI") != null ? 300 : 1500;

    private static final String[] SCRIPT = {
        "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, v REAL, b BLOB, k INTEGER UNIQUE)",
        "CREATE INDEX t_name ON t(name)",
        "CREATE TABLE log(at INTEGER, what TEXT)",
        "CREATE TRIGGER t_del AFTER DELETE ON t BEGIN INSERT INTO log VALUES (old.id, 'del ' || old.name); END",
        "CREATE VIEW big AS SELECT id, name FROM t WHERE v > 1000",
    };

    private static final String[] QUERIES = {
        "SELECT sum(id), count(*) FROM t WHERE name LIKE '%7%'",
        "SELECT count(*) FROM t WHERE name GLOB '*1?3*'",
        "SELECT group_concat(name, ','), sum(v) FROM (SELECT * FROM t ORDER BY name DESC LIMIT 25)",
        "SELECT printf('%.3f|%5d|%-8s|%x|%e|%q', avg(v), max(id), min(name), 255, 1e-7, 'it''s') FROM t",
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200) SELECT sum(x * x), total(1.0 / x) FROM c",
        "SELECT json_group_array(json_object('id', id, 'n', name)) FROM t WHERE id < 20",
        "SELECT json_extract('{\"a\":[1,2,{\"b\":\"x\"}]}', '$.a[2].b'), json_array_length('[1,2,3]'), json('{\"z\": 1e3}')",
        "SELECT id, name, rank() OVER (PARTITION BY id % 5 ORDER BY v DESC), sum(v) OVER (ORDER BY id ROWS 3 PRECEDING) FROM t WHERE id % 97 = 1",
        "SELECT count(*), substr(name, 6, 1) AS d FROM t GROUP BY d HAVING count(*) > 1 ORDER BY 1 DESC, 2",
        "SELECT a.id, b.id FROM t a JOIN t b ON b.k = a.id * 2 WHERE a.id BETWEEN 10 AND 30 ORDER BY a.id",
        "SELECT * FROM big ORDER BY id DESC LIMIT 5",
        "SELECT count(*), min(at), max(at) FROM log",
        "SELECT hex(b), length(b), typeof(b) FROM t WHERE id IN (1, 2, 3, 50) ORDER BY id",
        "SELECT upper(name), lower('ÀÉ'), instr(name, '9'), replace(name, 'name', 'n'), trim('  x  '), abs(-3), round(2.567, 2) FROM t WHERE id = 42",
        "SELECT datetime(0, 'unixepoch'), date('2024-02-28', '+1 day'), strftime('%j %W', '2024-12-31')",
        "SELECT id FROM t WHERE id > 5 EXCEPT SELECT id FROM t WHERE id % 2 = 0 ORDER BY id LIMIT 10",
        "SELECT CASE WHEN v IS NULL THEN 'null' WHEN v < 10 THEN 'small' ELSE 'big' END AS c, count(*) FROM t GROUP BY c ORDER BY c",
        "SELECT quote(v), cast(v AS TEXT), cast('12abc' AS INTEGER), 7 / 2, 7 % 3, 1 << 40, -9223372036854775808 FROM t WHERE id = 7",
        "PRAGMA integrity_check",
        "EXPLAIN SELECT * FROM t WHERE name = 'x'",
    };

    @ParameterizedTest
    @EnumSource(WasmBinary.class)
    void compiledOutlinedAndInterpretedOriginalAgree(WasmBinary binary) {
        List<String> compiled = run(binary, ExecutionMode.COMPILED);
        List<String> interpreted = run(binary, ExecutionMode.INTERPRETED);
        assertTrue(compiled.size() > QUERIES.length, "the workload produced results");
        assertEquals(interpreted.size(), compiled.size());
        for (int i = 0; i < compiled.size(); i++) assertEquals(interpreted.get(i), compiled.get(i), "result " + i);
    }

    private static List<String> run(WasmBinary binary, ExecutionMode mode) {
        List<String> out = new ArrayList<>();
        try (SqliteRuntime rt = SqliteRuntime.builder().binary(binary).mode(mode).build(); Database db = rt.open(":memory:")) {
            for (String s : SCRIPT) db.exec(s);
            db.transaction(() -> {
                try (Statement st = db.prepare("INSERT INTO t(id, name, v, b, k) VALUES (?, ?, ?, ?, ?)")) {
                    for (int i = 1; i <= ROWS; i++) {
                        st.bindLong(1, i).bindText(2, "name-" + i).bindDouble(3, i % 11 == 0 ? Double.NaN : i * 1.25);
                        st.bindBlob(4, new byte[] {(byte) i, (byte) (i >> 8), 0, (byte) 0xff}).bindLong(5, i * 2L);
                        st.step();
                        st.reset();
                    }
                }
            });
            out.add("changes " + db.totalChanges());
            out.add("update " + db.execute("UPDATE t SET v = v * 2, name = name || '!' WHERE id % 3 = 0"));
            out.add("delete " + db.execute("DELETE FROM t WHERE id % 7 = 0"));
            out.add("upsert " + db.execute("INSERT INTO t(id, name, k) VALUES (3, 'dup', 6) ON CONFLICT(id) DO UPDATE SET name = 'upserted'"));
            for (String bad : new String[] {"INSERT INTO t(id, name, k) VALUES (1, 'x', 99999999)", "INSERT INTO t(name) VALUES (NULL)",
                    "SELECT nosuch FROM t", "SELECT * FROM t WHERE", "INSERT INTO t(id, name, k) VALUES (999999, 'y', 2)"}) {
                try {
                    db.execute(bad);
                    out.add("no error: " + bad);
                } catch (SqliteException e) {
                    out.add("error " + e.getMessage());
                }
            }
            db.exec("CREATE TABLE u AS SELECT id, name FROM t WHERE id < 100; ALTER TABLE u ADD COLUMN z DEFAULT 5; VACUUM");
            for (String q : QUERIES) {
                StringBuilder rows = new StringBuilder(q).append(" =>");
                try (Statement st = db.prepare(q)) {
                    while (st.step()) {
                        rows.append("\n ");
                        for (int c = 0; c < st.columnCount(); c++) {
                            Object v = st.getObject(c);
                            rows.append(v instanceof byte[] ? Arrays.toString((byte[]) v) : String.valueOf(v)).append(" | ");
                        }
                    }
                }
                out.add(rows.toString());
            }
        }
        return out;
    }
}
