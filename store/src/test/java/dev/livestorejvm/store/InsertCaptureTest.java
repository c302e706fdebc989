package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.sqlite.Changeset;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.Session;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader writes the changesets of one-insert events itself ({@link InsertCapture}): they must
 * be byte for byte those of SQLite's session extension, which a second database records for the
 * same writes here.
 */
class InsertCaptureTest {
    record Nth(int n) {}

    static final Table THINGS = Table.define("things",
        Column.text("id").primaryKey(),
        Column.integer("n").nullable(),
        Column.real("r").nullable(),
        Column.blob("b").nullable(),
        Column.bool("flag").defaultValue(false),
        Column.json("j").nullable(),
        Column.datetime("d").nullable(),
        Column.datetimeInteger("dm").nullable(),
        Column.text("t").defaultValue("x"));
    static final Table PAIRS = Table.define("pairs",
        Column.integer("b").primaryKey(), Column.text("a").primaryKey(), Column.text("v").nullable());
    static final Table COUNTERS = Table.define("counters", Column.integer("id").primaryKey(), Column.text("v"));

    static final List<Map<String, Object>> THING_ROWS = List.of(
        row("id", "a"),
        row("id", "b", "n", 0L, "r", 1.5, "b", new byte[] {0, 1, 2, (byte) 255}, "flag", true, "t", ""),
        row("id", "c", "n", Long.MIN_VALUE, "r", 3.0, "b", new byte[0], "j", Map.of("k", List.of(1, 2)), "t", "ünïcødé ✓ 𝄞"),
        row("id", "d", "n", Long.MAX_VALUE, "r", -0.0, "d", Instant.parse("2026-11-22T01:02:03.456Z"), "dm", Instant.ofEpochMilli(-5)),
        row("id", "e", "n", -1L, "r", 1e300, "t", "x".repeat(300)),
        row("id", "f", "n", 127L, "r", Double.MIN_VALUE, "b", new byte[200], "j", "plain string"),
        row("id", "g".repeat(130), "n", 128L, "r", -2.25, "flag", false));

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static final EventDef<Nth> THING = EventDef.synced("thing", Nth.class);
    static final EventDef<Nth> PAIR = EventDef.synced("pair", Nth.class);
    static final EventDef<Nth> COUNTER = EventDef.synced("counter", Nth.class);
    static final EventDef<Nth> TWO = EventDef.synced("two", Nth.class);
    static final EventDef<Nth> REPLACE = EventDef.synced("replace", Nth.class);

    static final Schema SCHEMA = Schema.builder().table(THINGS).table(PAIRS).table(COUNTERS)
        .event(THING, (a, c) -> List.of(THINGS.insert(THING_ROWS.get(a.n() % THING_ROWS.size())
            .entrySet().stream().collect(LinkedHashMap<String, Object>::new, (m, e) -> m.put(e.getKey(),
                e.getKey().equals("id") ? e.getValue() + "-" + a.n() : e.getValue()), Map::putAll))))
        .event(PAIR, (a, c) -> List.of(PAIRS.insert(row("a", "k" + (a.n() % 3), "b", (long) a.n(), "v", a.n() % 2 == 0 ? null : "v"))))
        .event(COUNTER, (a, c) -> List.of(COUNTERS.insert(a.n() % 2 == 0 ? row("v", "auto " + a.n()) : row("id", 1000L + a.n(), "v", "given"))))
        .event(TWO, (a, c) -> List.of(COUNTERS.insert(row("v", "one")), COUNTERS.insert(row("v", "two"))))
        .event(REPLACE, (a, c) -> List.of(PAIRS.insert(row("a", "k0", "b", 0L, "v", "replaced " + a.n())).onConflictReplace()))
        .build();

    SqliteRuntime runtime;
    Database fast;
    Database reference;
    StatementCache fastSql;
    StatementCache referenceSql;
    StateWriter writer;
    StateWriter referenceWriter;
    long seq;

    @BeforeEach
    void open() {
        runtime = SqliteRuntime.create();
        fast = open(runtime);
        reference = open(runtime);
        fastSql = new StatementCache(fast);
        referenceSql = new StatementCache(reference);
        writer = new StateWriter(fast, fastSql, SCHEMA, true);
        referenceWriter = new StateWriter(reference, referenceSql, SCHEMA, false);
    }

    static Database open(SqliteRuntime runtime) {
        Database db = runtime.open(":memory:");
        for (Table t : SCHEMA.allStateTables()) for (String s : t.ddl()) db.exec(s);
        return db;
    }

    @AfterEach
    void close() {
        fastSql.close();
        referenceSql.close();
        fast.close();
        reference.close();
        runtime.close();
    }

    /** Materializes the event on both databases; returns both changesets (null: none), leader's first. */
    Changeset[] both(EventDef<Nth> def, int n) {
        SeqNum s = new SeqNum(++seq, 0, 0);
        Changeset mine = fast.transaction(() -> writer.apply(def, new Nth(n), s).changeset());
        Changeset theirs = reference.transaction(() -> {
            StateWriter.Planned p = referenceWriter.plan(def, new Nth(n), s);
            try (Session session = reference.createSession()) {
                session.attach(null);
                for (Write w : p.writes()) referenceSql.write(w.sql(), w.bindValues());
                Changeset c = session.changeset();
                return c.isEmpty() ? null : c;
            }
        });
        return new Changeset[] {mine, theirs};
    }

    void assertSameChangesets(EventDef<Nth> def, int count, IntFunction<Integer> nth) {
        for (int i = 0; i < count; i++) {
            Changeset[] c = both(def, nth.apply(i));
            assertNotNull(c[1], def.name() + " #" + i);
            assertNotNull(c[0], def.name() + " #" + i);
            assertArrayEquals(c[1].bytes(), c[0].bytes(), def.name() + " #" + i);
        }
    }

    @Test
    void insertsOfEveryKindOfValueGiveTheSessionExtensionsBytes() {
        assertSameChangesets(THING, THING_ROWS.size() * 3, i -> i);
        assertTrue(writer.insertsRecordedWithoutSession() >= THING_ROWS.size() * 3 - 1, "the fast path ran");
    }

    @Test
    void compositeAndIntegerPrimaryKeys() {
        assertSameChangesets(PAIR, 20, i -> i);
        assertSameChangesets(COUNTER, 20, i -> i);
        assertEquals(38, writer.insertsRecordedWithoutSession(), "all but the first insert of each table");
    }

    @Test
    void eventsWithOtherWritesStayOnSessions() {
        assertSameChangesets(PAIR, 2, i -> i);
        long before = writer.insertsRecordedWithoutSession();
        assertSameChangesets(TWO, 3, i -> i);
        assertSameChangesets(REPLACE, 3, i -> i);
        assertEquals(before, writer.insertsRecordedWithoutSession(), "two inserts, or an insert that may replace, use a session");
    }

    @Test
    void aTriggerTurnsTheFastPathOff() {
        assertSameChangesets(PAIR, 3, i -> i);
        long before = writer.insertsRecordedWithoutSession();
        for (Database db : List.of(fast, reference)) {
            db.exec("CREATE TRIGGER pairs_audit AFTER INSERT ON pairs BEGIN UPDATE pairs SET v = 'audited' WHERE b = NEW.b - 1; END");
        }
        writer.schemaChanged();
        assertSameChangesets(PAIR, 4, i -> 10 + i);
        assertEquals(before, writer.insertsRecordedWithoutSession());
        List<Object[]> rows = new ArrayList<>(fastSql.read("SELECT v FROM pairs WHERE b = 10", List.of()).values());
        assertEquals("audited", rows.get(0)[0], "the trigger ran and its update is in the changesets compared above");
    }

    @Test
    void anAlteredTableIsCheckedAgain() {
        assertSameChangesets(PAIR, 3, i -> i);
        for (Database db : List.of(fast, reference)) db.exec("ALTER TABLE pairs ADD COLUMN extra TEXT DEFAULT 'e'");
        writer.schemaChanged();
        long before = writer.insertsRecordedWithoutSession();
        assertSameChangesets(PAIR, 3, i -> 20 + i);
        assertEquals(before + 2, writer.insertsRecordedWithoutSession(), "one insert through a session, then the new layout");
    }

    @Test
    void writerBytesForAHandMadeRow() {
        // 'T', 2 columns, pk flags 1 0, "t\0", INSERT, direct, integer 5, text "é"
        byte[] expected = {'T', 2, 1, 0, 't', 0, 18, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5, 3, 2, (byte) 0xc3, (byte) 0xa9};
        byte[] got = new dev.livestorejvm.sqlite.ChangesetWriter().insert("t", List.of(1, 0), java.util.Arrays.asList(5L, "é")).build().bytes();
        assertArrayEquals(expected, got);
        assertEquals("é", new String(got, 19, 2, StandardCharsets.UTF_8));
        assertTrue(new dev.livestorejvm.sqlite.ChangesetWriter().build().isEmpty());
    }
}
