package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** busy_timeout: a writer waits for another connection's lock that long, then fails with SQLITE_BUSY. */
class BusyTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void aWriterWaitsForTheLockUpToTheBusyTimeout() throws Exception {
        String url = "jdbc:livestore-sqlite:" + dir.resolve("busy.db");
        try (Connection holder = DriverManager.getConnection(url);
             Connection patient = DriverManager.getConnection(url + "?busy_timeout=10000");
             Connection hasty = DriverManager.getConnection(url + "?busy_timeout=100")) {
            holder.createStatement().execute("create table t(x)");
            holder.setAutoCommit(false);
            holder.createStatement().execute("insert into t values (1)");   // holds the write lock

            long start = System.nanoTime();
            SQLException e = assertThrows(SQLTransientException.class, () -> hasty.createStatement().execute("insert into t values (2)"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(5, e.getErrorCode() & 0xff, "SQLITE_BUSY");
            assertTrue(ms >= 90 && ms < 5000, ms + " ms");

            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                    holder.commit();
                } catch (Exception x) {
                    throw new RuntimeException(x);
                }
            });
            patient.createStatement().execute("insert into t values (3)");   // waits for the commit
            release.get(10, TimeUnit.SECONDS);
            assertEquals(2, DriverUrlTest.one(patient, "select count(*) from t"));
            assertEquals(1, hasty.createStatement().executeUpdate("insert into t values (4)"), "usable after the failure");
        }
    }
}
