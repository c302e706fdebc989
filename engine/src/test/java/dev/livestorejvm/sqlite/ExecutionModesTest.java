package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.wasm.ExecutionMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compiled and the interpreted module run the same binary: every result must be identical. */
class ExecutionModesTest {
    static final String SETUP = String.join("\n",
        "create table person(id integer primary key, name text not null, born real, tags blob) strict;",
        "create index person_name on person(name);",
        "insert into person(name, born, tags) values ('ada', 1815.95, x'00ff'), ('alan', 1912.5, null), ('grace', 1906.95, x'');",
        "with recursive n(x) as (select 1 union all select x + 1 from n where x < 400)",
        "  insert into person(name, born) select 'p' || x, x * 1.25 from n;",
        "create table kv(k text primary key, v) without rowid;",
        "insert into kv values ('a', 1), ('b', 2.5), ('c', 'three'), ('d', x'04'), ('e', null);");

    static final List<String> QUERIES = List.of(
        "select * from person order by id limit 5",
        "select count(*), sum(born), avg(born), min(name), max(name), total(id) from person",
        "select name, row_number() over (order by born desc), lag(born) over (order by id) from person where id < 30",
        "select substr(name, 1, 1) as c, count(*), group_concat(id, ',') from person group by c order by c",
        "select json_object('id', id, 'name', name, 'born', born) from person where name like 'a%'",
        "select json_extract('{\"a\":[1,2,{\"b\":null}]}', '$.a[2]'), json_array_length('[1,2,3]')",
        "select k, typeof(v), quote(v) from kv order by k desc",
        "select 9223372036854775807 + 0, -9223372036854775808, 1e308 * 10, -0.0, 0.1 + 0.2, 7 / 2, 7 % -3, 2.0 / 3",
        "select hex(randomblob(8)), random()",
        "select datetime('now'), julianday('now'), strftime('%s', 'now'), date('now', 'localtime')",
        "select upper('straße'), lower('ÀÉÎ'), length('😀'), unicode('😀'), char(128512), instr('hello', 'll')",
        "select printf('%5.2f|%-5d|%x|%q', 3.14159, 42, 255, 'it''s'), format('%s', 1)",
        "with recursive fib(a, b, n) as (select 0, 1, 0 union all select b, a + b, n + 1 from fib where n < 90) select max(a) from fib",
        "select name from person where id in (select id from person where born > 2400) order by name desc limit 3",
        "select * from tables_used('select * from person join kv on kv.k = person.name')",
        "pragma integrity_check");

    private static List<List<List<String>>> run(ExecutionMode mode) {
        Clock fixed = Clock.fixed(Instant.parse("2024-05-06T07:08:09.123Z"), ZoneOffset.ofHours(2));
        try (SqliteRuntime rt = SqliteRuntime.builder().mode(mode).clock(fixed).entropy(new Random(7)).build();
             Database db = rt.open(":memory:")) {
            db.exec(SETUP);
            List<List<List<String>>> all = new ArrayList<>();
            for (String q : QUERIES) all.add(QueryResults.rows(db, q));
            db.execute("update person set born = born * 2 where id % 3 = 0");
            db.execute("delete from person where id % 5 = 0");
            all.add(QueryResults.rows(db, "select count(*), sum(born) from person"));
            all.add(List.of(List.of("changes:" + db.totalChanges())));
            return all;
        }
    }

    @Test
    void compiledAndInterpretedAgreeOnEveryResult() {
        List<List<List<String>>> compiled = run(ExecutionMode.COMPILED);
        List<List<List<String>>> interpreted = run(ExecutionMode.INTERPRETED);
        for (int i = 0; i < compiled.size(); i++) {
            String what = i < QUERIES.size() ? QUERIES.get(i) : "after updates";
            assertEquals(compiled.get(i), interpreted.get(i), what);
        }
        // the fixed clock reached SQLite ('now' and localtime with the clock's +02:00 zone)
        double julianDay = (210866760000000L + Instant.parse("2024-05-06T07:08:09.123Z").toEpochMilli()) / 86400000.0;
        assertEquals(List.of("t:2024-05-06 07:08:09", "r:" + Long.toHexString(Double.doubleToRawLongBits(julianDay)),
            "t:1714979289", "t:2024-05-06"), compiled.get(9).get(0));
        assertEquals("t:ok", compiled.get(QUERIES.size() - 1).get(0).get(0));
    }

    @Test
    void entropyComesFromTheRuntimeNotFromTime() {
        // same seed, same numbers; secure default differs between runtimes
        assertEquals(randomOf(new Random(42)), randomOf(new Random(42)));
        try (SqliteRuntime a = SqliteRuntime.create(); SqliteRuntime b = SqliteRuntime.create();
             Database da = a.open(":memory:"); Database dbb = b.open(":memory:")) {
            assertNotEquals(QueryResults.rows(da, "select random(), hex(randomblob(16))"),
                QueryResults.rows(dbb, "select random(), hex(randomblob(16))"));
        }
    }

    private static List<List<String>> randomOf(Random r) {
        try (SqliteRuntime rt = SqliteRuntime.builder().entropy(r).build(); Database db = rt.open(":memory:")) {
            return QueryResults.rows(db, "select random(), hex(randomblob(16))");
        }
    }
}
