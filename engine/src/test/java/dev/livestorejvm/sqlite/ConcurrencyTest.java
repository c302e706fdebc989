package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One runtime (one non-thread-safe module instance) used from 8 threads at once. */
class ConcurrencyTest {
    static final int THREADS = 8;
    static final int ROWS = 250;

    @Test
    void eightThreadsShareOneRuntimeWithoutCorruption() throws Exception {
        try (SqliteRuntime rt = SqliteRuntime.create()) {
            try (Database setup = rt.open("file:shared.db?vfs=memory")) {
                setup.exec("create table log(thread integer, seq integer, payload text, primary key(thread, seq))");
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> work(rt, thread)));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES));
            for (int t = 0; t < THREADS; t++) {
                assertEquals(ROWS * (ROWS - 1L) / 2, results.get(t).get(), "thread " + t + "'s private sum");
            }
            try (Database check = rt.open("file:shared.db?vfs=memory")) {
                assertEquals(List.of(List.of("i:" + THREADS * ROWS, "i:" + THREADS)),
                    QueryResults.rows(check, "select count(*), count(distinct thread) from log"));
                assertEquals(List.of(List.of("t:ok")), QueryResults.rows(check, "pragma integrity_check"));
                for (int t = 0; t < THREADS; t++) {
                    assertEquals(List.of(List.of("i:" + ROWS, "i:" + (ROWS * (ROWS - 1L) / 2))),
                        QueryResults.rows(check, "select count(*), sum(seq) from log where thread = ?", t));
                }
            }
            assertEquals(0, rt.openDatabases());
        }
    }

    /** Writes to the shared database (contending for its lock) and works in a private one. */
    private static long work(SqliteRuntime rt, int thread) {
        try (Database shared = rt.open("file:shared.db?vfs=memory"); Database mine = rt.open(":memory:")) {
            shared.busyTimeout(20_000);
            mine.exec("create table n(x)");
            try (Statement ins = shared.prepare("insert into log values (?, ?, ?)");
                 Statement own = mine.prepare("insert into n values (?)")) {
                for (int i = 0; i < ROWS; i++) {
                    int seq = i;
                    // a write transaction spanning several calls: others must wait for it, not corrupt it
                    shared.transaction(TransactionMode.IMMEDIATE, () -> {
                        ins.bindLong(1, thread).bindLong(2, seq).bindText(3, "t" + thread + "#" + seq).executeUpdate();
                        return null;
                    });
                    own.bindLong(1, i).executeUpdate();
                }
            }
            try (Statement sum = mine.prepare("select sum(x) from n")) {
                sum.step();
                return sum.getLong(0);
            }
        }
    }
}
