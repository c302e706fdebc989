package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HikariCP, unchanged, with a pool of 10 on a file database: 8 threads run transactions that all
 * write the same counter row (so they contend for SQLite's write lock and wait in the busy
 * handler). Every committed transaction is present, none is lost, no connection leaks. Size: 8 x
 * 50 transactions; 8 x 1,000 with -Dfull=true.
 */
class HikariPoolTest {
    @TempDir
    Path dir;

    @Test
    void tenConnectionsEightThreadsContendedTransactionsAllCommitted() throws Exception {
        int threads = 8;
        int perThread = Boolean.getBoolean("full") ? 1000 : 50;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:livestore-sqlite:" + dir.resolve("pool.db")
            + "?busy_timeout=30000&transaction_mode=IMMEDIATE&synchronous=OFF");   // durability is not under test here: fsyncs would dominate
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(10);
        config.setAutoCommit(false);
        config.setLeakDetectionThreshold(60_000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("create table counter(id integer primary key, n integer not null)");
                s.executeUpdate("create table log(id integer primary key, thread int, seq int, unique(thread, seq))");
                s.executeUpdate("insert into counter values (1, 0)");
                c.commit();
            }
            ExecutorService pool8 = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                done.add(pool8.submit(() -> {
                    int committed = 0;
                    for (int i = 0; i < perThread; i++) {
                        try (Connection c = pool.getConnection();
                             PreparedStatement read = c.prepareStatement("select n from counter where id = 1");
                             PreparedStatement bump = c.prepareStatement("update counter set n = ? where id = 1");
                             PreparedStatement log = c.prepareStatement("insert into log(thread, seq) values (?, ?)")) {
                            long n;
                            try (ResultSet rs = read.executeQuery()) {
                                rs.next();
                                n = rs.getLong(1);
                            }
                            bump.setLong(1, n + 1);
                            bump.executeUpdate();
                            log.setInt(1, thread);
                            log.setInt(2, i);
                            log.executeUpdate();
                            if (i % 10 == 9) {
                                c.rollback();   // some transactions roll back: they must leave nothing
                            } else {
                                c.commit();
                                committed++;
                            }
                        }
                    }
                    return committed;
                }));
            }
            int committed = 0;
            for (Future<Integer> f : done) committed += f.get();
            pool8.shutdown();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("select (select n from counter), (select count(*) from log), (select count(*) from log where seq % 10 = 9)");
                assertTrue(rs.next());
                assertEquals(committed, rs.getLong(1), "every committed increment counted once: no lost update");
                assertEquals(committed, rs.getLong(2));
                assertEquals(0, rs.getLong(3), "rolled-back transactions left nothing");
                c.rollback();
            }
            assertEquals(threads * (perThread - perThread / 10), committed);
            assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "no connection leaked");
            assertTrue(pool.getHikariPoolMXBean().getTotalConnections() <= 10);
        }
    }
}
