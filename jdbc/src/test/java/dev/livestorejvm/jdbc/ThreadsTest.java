package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Connections on several threads: each on its own runtime in parallel, or one connection shared. */
class ThreadsTest {
    @Test
    void twoConnectionsOnTwoThreadsRunAtTheSameTime() throws Exception {
        // each query takes a while; run together, the two overlap in time (they are on different runtimes)
        String slow = "with recursive r(i) as (select 1 union all select i + 1 from r where i < 300000) select sum(i) from r";
        try (Connection a = DriverManager.getConnection("jdbc:livestore-sqlite::memory:");
             Connection b = DriverManager.getConnection("jdbc:livestore-sqlite::memory:")) {
            assertNotSame(a.unwrap(dev.livestorejvm.sqlite.Database.class).runtime(),
                b.unwrap(dev.livestorejvm.sqlite.Database.class).runtime(), "two connections get two runtimes");
            CyclicBarrier start = new CyclicBarrier(2);
            AtomicLong overlap = new AtomicLong();
            long[][] spans = new long[2][2];
            ExecutorService ex = Executors.newFixedThreadPool(2);
            List<Future<Long>> results = new ArrayList<>();
            Connection[] cs = {a, b};
            for (int i = 0; i < 2; i++) {
                final int k = i;
                results.add(ex.submit(() -> {
                    start.await();
                    spans[k][0] = System.nanoTime();
                    try (ResultSet rs = cs[k].createStatement().executeQuery(slow)) {
                        rs.next();
                        spans[k][1] = System.nanoTime();
                        return rs.getLong(1);
                    }
                }));
            }
            for (Future<Long> f : results) assertEquals(300000L * 300001 / 2, f.get());
            ex.shutdown();
            overlap.set(Math.min(spans[0][1], spans[1][1]) - Math.max(spans[0][0], spans[1][0]));
            assertTrue(overlap.get() > 0, "the two queries were running at the same time");
        }
    }

    @Test
    void oneConnectionSharedByEightThreadsStaysCorrect() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:")) {
            c.createStatement().execute("create table t(thread int, i int, primary key (thread, i))");
            ExecutorService ex = Executors.newFixedThreadPool(8);
            List<Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int thread = t;
                sums.add(ex.submit(() -> {
                    long sum = 0;
                    try (PreparedStatement ins = c.prepareStatement("insert into t values (?, ?)");
                         PreparedStatement sel = c.prepareStatement("select i from t where thread = ? order by i")) {
                        for (int i = 0; i < 100; i++) {
                            ins.setInt(1, thread);
                            ins.setInt(2, i);
                            assertEquals(1, ins.executeUpdate());
                        }
                        sel.setInt(1, thread);
                        try (ResultSet rs = sel.executeQuery()) {
                            int expected = 0;
                            while (rs.next()) {
                                assertEquals(expected++, rs.getInt(1));
                                sum += rs.getInt(1);
                            }
                            assertEquals(100, expected);
                        }
                    }
                    return sum;
                }));
            }
            for (Future<Long> f : sums) assertEquals(4950L, f.get());
            ex.shutdown();
            assertEquals(800, DriverUrlTest.one(c, "select count(*) from t"));
        }
    }
}
