package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.vfs.ResultCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionChangesetTest {
    @RegisterExtension
    final SqliteFixture sqlite = new SqliteFixture();
    private SqliteRuntime runtime;
    private Database db;

    @BeforeEach
    void open() {
        runtime = sqlite.runtime();
        db = runtime.open(":memory:");
        db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB, extra)");
    }


    private Changeset capture(Runnable changes) {
        try (Session s = db.createSession()) {
            s.attach(null);
            changes.run();
            return s.changeset();
        }
    }

    @Test
    void readerReportsWhatTheTestChanged() {
        db.execute("INSERT INTO t VALUES (1, 'one', 1.5, x'0102', NULL)");
        db.execute("INSERT INTO t VALUES (2, 'two', 2.5, NULL, 7)");
        Changeset cs = capture(() -> {
            db.execute("INSERT INTO t VALUES (3, 'thrée', -0.25, x'ff00', 'e')");
            db.execute("UPDATE t SET name = 'uno' WHERE id = 1");
            db.execute("DELETE FROM t WHERE id = 2");
        });
        List<ChangesetEntry> entries = cs.entries();
        assertEquals(3, entries.size());
        for (ChangesetEntry e : entries) {
            assertEquals("t", e.table());
            assertEquals(5, e.columnCount());
            assertEquals(List.of(1, 0, 0, 0, 0), e.primaryKey());
        }
        ChangesetEntry ins = find(entries, Operation.INSERT);
        assertEquals(List.of(), ins.oldValues());
        assertEquals(3L, ins.newValues().get(0));
        assertEquals("thrée", ins.newValues().get(1));
        assertEquals(-0.25, ins.newValues().get(2));
        assertArrayEquals(new byte[] {(byte) 0xff, 0}, (byte[]) ins.newValues().get(3));
        assertEquals("e", ins.newValues().get(4));

        ChangesetEntry upd = find(entries, Operation.UPDATE);
        assertEquals(Arrays.asList(1L, "one", ChangesetEntry.UNDEFINED, ChangesetEntry.UNDEFINED, ChangesetEntry.UNDEFINED),
            upd.oldValues());
        assertEquals(Arrays.asList(ChangesetEntry.UNDEFINED, "uno", ChangesetEntry.UNDEFINED, ChangesetEntry.UNDEFINED,
            ChangesetEntry.UNDEFINED), upd.newValues());

        ChangesetEntry del = find(entries, Operation.DELETE);
        assertEquals(Arrays.asList(2L, "two", 2.5, null, 7L), del.oldValues());
        assertEquals(List.of(), del.newValues());
        assertFalse(del.indirect());
    }

    private static ChangesetEntry find(List<ChangesetEntry> entries, Operation op) {
        return entries.stream().filter(e -> e.operation() == op).findFirst().orElseThrow();
    }

    @Test
    void javaInvertEqualsSqliteInvertByteForByte() {
        db.exec("CREATE TABLE k(a TEXT, b INTEGER, c, PRIMARY KEY (b, a)) WITHOUT ROWID");
        Random r = new Random(42);
        for (int i = 0; i < 20; i++) db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", i, "n" + i, i * 0.5, new byte[] {(byte) i}, null);
        Changeset cs = capture(() -> {
            for (int i = 0; i < 200; i++) {
                int id = r.nextInt(40);
                switch (r.nextInt(4)) {
                    case 0: db.execute("INSERT OR REPLACE INTO t VALUES (?, ?, ?, ?, ?)", id, "x" + r.nextInt(), r.nextDouble(),
                        randomBytes(r, r.nextInt(300)), r.nextBoolean() ? null : (Object) r.nextLong()); break;
                    case 1: db.execute("UPDATE t SET score = ?, extra = ? WHERE id = ?", r.nextDouble(), "é".repeat(r.nextInt(200)), id); break;
                    case 2: db.execute("DELETE FROM t WHERE id = ?", id); break;
                    default: db.execute("INSERT OR REPLACE INTO k VALUES (?, ?, ?)", "k" + r.nextInt(5), r.nextInt(5), r.nextInt()); break;
                }
            }
        });
        assertTrue(cs.size() > 1000, "a changeset of some size: " + cs.size());
        assertArrayEquals(runtime.invertChangeset(cs).bytes(), cs.invert().bytes());
        assertEquals(cs, cs.invert().invert());
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    void liveStoreStyleRollbackRestoresTheInitialTable() {
        Random r = new Random(7);
        for (int i = 0; i < 30; i++) db.execute("INSERT INTO t VALUES (?, ?, ?, NULL, NULL)", i, "v" + i, (double) i);
        List<List<Object>> initial = rows();
        List<Changeset> changesets = new ArrayList<>();
        for (int event = 0; event < 100; event++) {
            int id = r.nextInt(50);
            int kind = r.nextInt(3);
            changesets.add(capture(() -> db.transaction(() -> {
                switch (kind) {
                    case 0: db.execute("INSERT OR IGNORE INTO t VALUES (?, ?, ?, NULL, NULL)", id, "new" + id, r.nextDouble()); break;
                    case 1: db.execute("UPDATE t SET name = ?, score = ? WHERE id = ?", "upd" + r.nextInt(), r.nextDouble(), id); break;
                    default: db.execute("DELETE FROM t WHERE id = ?", id); break;
                }
            })));
        }
        assertNotEquals(initial, rows());
        for (int i = changesets.size() - 1; i >= 0; i--) db.applyChangeset(changesets.get(i).invert(), ConflictHandler.REPLACE_OR_OMIT);
        assertEquals(initial, rows());
    }

    private List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = db.prepare("SELECT id, name, score, data, extra FROM t ORDER BY id")) {
            while (st.step()) rows.add(Arrays.asList(st.getObject(0), st.getObject(1), st.getObject(2), st.getObject(3), st.getObject(4)));
        }
        return rows;
    }

    @Test
    void conflictHandlerSeesTheKindAndItsAnswerIsFollowed() {
        db.execute("INSERT INTO t VALUES (1, 'a', 1.0, NULL, NULL)");
        Changeset delete = capture(() -> db.execute("DELETE FROM t WHERE id = 1"));
        Changeset reinsert = delete.invert();
        db.execute("INSERT INTO t VALUES (1, 'other', 2.0, NULL, NULL)");
        List<ConflictKind> seen = new ArrayList<>();
        // the row exists with other values: CONFLICT; OMIT keeps it
        db.applyChangeset(reinsert, kind -> {
            seen.add(kind);
            return ConflictAction.OMIT;
        });
        assertEquals(List.of(ConflictKind.CONFLICT), seen);
        assertEquals("other", scalar("SELECT name FROM t WHERE id = 1"));
        // REPLACE overwrites it
        db.applyChangeset(reinsert, ConflictHandler.REPLACE_OR_OMIT);
        assertEquals("a", scalar("SELECT name FROM t WHERE id = 1"));
        // deleting a row that has other values: DATA
        db.execute("UPDATE t SET name = 'changed' WHERE id = 1");
        seen.clear();
        db.applyChangeset(delete, kind -> {
            seen.add(kind);
            return ConflictAction.REPLACE;
        });
        assertEquals(List.of(ConflictKind.DATA), seen);
        assertEquals(0L, scalar("SELECT count(*) FROM t"));
        // deleting it again: NOTFOUND, and ABORT fails the apply
        seen.clear();
        SqliteException e = assertThrows(SqliteException.class, () -> db.applyChangeset(delete, kind -> {
            seen.add(kind);
            return ConflictAction.ABORT;
        }));
        assertEquals(List.of(ConflictKind.NOTFOUND), seen);
        assertEquals(ResultCodes.SQLITE_ABORT, e.resultCode());
    }

    @Test
    void exceptionInTheHandlerAbortsEverythingAndIsTheCause() {
        db.execute("INSERT INTO t VALUES (5, 'five', 5.0, NULL, NULL)");
        Changeset cs = capture(() -> {
            db.execute("INSERT INTO t VALUES (6, 'six', 6.0, NULL, NULL)");
            db.execute("INSERT INTO t VALUES (5, 'dup', 5.0, NULL, NULL) ON CONFLICT DO NOTHING");
            db.execute("DELETE FROM t WHERE id = 5");
        });
        db.exec("DELETE FROM t");
        db.execute("INSERT INTO t VALUES (7, 'seven', 7.0, NULL, NULL)");
        IllegalStateException boom = new IllegalStateException("boom");
        SqliteException e = assertThrows(SqliteException.class, () -> db.applyChangeset(cs, kind -> {
            throw boom;
        }));
        assertSame(boom, e.getCause());
        assertEquals(List.of(7L), column("SELECT id FROM t"));
        // the filter's exception too, even though SQLite cannot stop for it
        RuntimeException filterBoom = new RuntimeException("filter");
        SqliteException f = assertThrows(SqliteException.class, () -> db.applyChangeset(cs, table -> {
            throw filterBoom;
        }, ConflictHandler.REPLACE_OR_OMIT));
        assertSame(filterBoom, f.getCause());
        assertEquals(List.of(7L), column("SELECT id FROM t"));
        // a conflict handler that uses its own connection gets MISUSE, which aborts the apply
        SqliteException r = assertThrows(SqliteException.class, () -> db.applyChangeset(cs, kind -> {
            db.exec("SELECT 1");
            return ConflictAction.OMIT;
        }));
        assertEquals(ResultCodes.SQLITE_MISUSE, ((SqliteException) r.getCause()).resultCode());
        assertEquals(List.of(7L), column("SELECT id FROM t"));
    }

    @Test
    void tableFilterSelectsTables() {
        db.exec("CREATE TABLE u(id INTEGER PRIMARY KEY)");
        Changeset cs = capture(() -> {
            db.execute("INSERT INTO t VALUES (1, 'a', 1.0, NULL, NULL)");
            db.execute("INSERT INTO u VALUES (10)");
        });
        db.exec("DELETE FROM t; DELETE FROM u");
        db.applyChangeset(cs, table -> table.equals("u"), ConflictHandler.ABORT);
        assertEquals(0L, scalar("SELECT count(*) FROM t"));
        assertEquals(1L, scalar("SELECT count(*) FROM u"));
    }

    @Test
    void corruptOrTruncatedChangesetsFailWithCorruptAndApplyNothing() {
        Changeset cs = capture(() -> {
            for (int i = 0; i < 10; i++) db.execute("INSERT INTO t VALUES (?, ?, 1.0, NULL, NULL)", i, "name" + i);
        });
        db.exec("DELETE FROM t");
        byte[] b = cs.bytes();
        for (int cut : new int[] {b.length - 1, b.length / 2, 8, 3}) {
            Changeset truncated = Changeset.of(Arrays.copyOf(b, cut));
            SqliteException e = assertThrows(SqliteException.class, () -> db.applyChangeset(truncated, ConflictHandler.ABORT));
            assertEquals(ResultCodes.SQLITE_CORRUPT, e.resultCode(), e.getMessage());
            assertEquals(0L, scalar("SELECT count(*) FROM t"));
            SqliteException r = assertThrows(SqliteException.class, () -> truncated.entries());
            assertEquals(ResultCodes.SQLITE_CORRUPT, r.resultCode());
        }
        byte[] badType = b.clone();
        // header: 'T', 5 columns, 5 primary-key bytes, "t\0"; then op, indirect, the first value's type
        assertEquals(1, badType[11], "the id's type byte: integer");
        badType[11] = 9;
        SqliteException e = assertThrows(SqliteException.class, () -> Changeset.of(badType).invert());
        assertEquals(ResultCodes.SQLITE_CORRUPT, e.resultCode());
        SqliteException n = assertThrows(SqliteException.class, () -> runtime.invertChangeset(Changeset.of(badType)));
        assertEquals(ResultCodes.SQLITE_CORRUPT, n.resultCode());
        SqliteException a = assertThrows(SqliteException.class, () -> db.applyChangeset(Changeset.of(badType), ConflictHandler.ABORT));
        assertEquals(ResultCodes.SQLITE_CORRUPT, a.resultCode());
        // the runtime is fine afterwards
        db.applyChangeset(cs, ConflictHandler.ABORT);
        assertEquals(10L, scalar("SELECT count(*) FROM t"));
    }

    @Test
    void sessionsFollowTheirAttachmentsAndEnableFlag() {
        db.exec("CREATE TABLE u(id INTEGER PRIMARY KEY)");
        Session s = db.createSession().attach("u");
        db.execute("INSERT INTO t VALUES (1, 'a', 1.0, NULL, NULL)");
        assertTrue(s.changeset().isEmpty());
        s.enable(false);
        assertFalse(s.isEnabled());
        db.execute("INSERT INTO u VALUES (1)");
        assertTrue(s.changeset().isEmpty());
        s.enable(true);
        db.execute("INSERT INTO u VALUES (2)");
        List<ChangesetEntry> entries = s.changeset().entries();
        assertEquals(1, entries.size());
        assertEquals("u", entries.get(0).table());
        db.close();
        assertTrue(s.isClosed());
        assertThrows(SqliteException.class, s::changeset);
    }

    private Object scalar(String sql) {
        try (Statement st = db.prepare(sql)) {
            assertTrue(st.step());
            return st.getObject(0);
        }
    }

    private List<Object> column(String sql) {
        List<Object> out = new ArrayList<>();
        try (Statement st = db.prepare(sql)) {
            while (st.step()) out.add(st.getObject(0));
        }
        return out;
    }
}
