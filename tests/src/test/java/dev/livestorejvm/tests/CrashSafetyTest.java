package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM commits numbered transactions and acknowledges each on stdout; it is killed with
 * SIGKILL at a random moment; after every kill the database must pass {@code integrity_check}
 * and hold every acknowledged transaction (and nothing beyond the one in flight).
 *
 * <p>Kills per mode: {@code -Dcrash.kills=N} (default 17, so that the DELETE, WAL and batch-atomic
 * runs together make 51 and the suite stays short in CI; use 50 or more for a full run).
 */
class CrashSafetyTest {
    static final int KILLS = Integer.getInteger("crash.kills", 17);
    static SqliteRuntime runtime;
    @TempDir Path dir;

    @BeforeAll
    static void start() {
        runtime = SqliteRuntime.create();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "wal", "batch"})
    void everyAcknowledgedCommitSurvivesSigkill(String mode) throws Exception {
        Path file = dir.resolve("crash-" + mode + ".db");
        Random random = new Random(Long.getLong("crash.seed", System.nanoTime()));
        long acknowledged = 0;
        int midCommitKills = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path log = dir.resolve("child-" + kill + ".out");
            Process child = ChildJvm.start(log, CrashChild.class, file.toString(), mode, String.valueOf(acknowledged + 1));
            try {
                int acksBeforeKill = 1 + random.nextInt(40);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acks(log).size() < acksBeforeKill) {
                    assertTrue(child.isAlive(), "the child died by itself: " + Files.readString(log));
                    assertTrue(System.nanoTime() < deadline, "the child made no progress in 60 s");
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(3));   // land anywhere within a later commit
                child.destroyForcibly();           // SIGKILL
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            } finally {
                child.destroyForcibly();
            }
            List<Long> acks = acks(log);   // every ack the child wrote before it died
            long lastAck = acks.isEmpty() ? acknowledged : acks.get(acks.size() - 1);
            long max = verify(file, mode, kill);
            assertTrue(max >= lastAck, "kill " + kill + ": acknowledged " + lastAck + " but the database holds up to " + max);
            assertTrue(max <= lastAck + 1, "kill " + kill + ": " + max + " is more than one past the last ack " + lastAck);
            if (max == lastAck + 1) midCommitKills++;
            acknowledged = max;
        }
        System.out.printf("crash test %s: %d kills, %d commits, %d kills after a commit was written but before it was acknowledged%n",
            mode, KILLS, acknowledged, midCommitKills);
        // and native SQLite agrees (the last verify left the database closed cleanly)
        NativeSqlite.Result r = NativeSqlite.run(file, "PRAGMA integrity_check; SELECT count(*) FROM t;");
        assertEquals("ok\n" + acknowledged, r.out(), r.err());
    }

    static List<Long> acks(Path log) throws java.io.IOException {
        List<Long> acks = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("ACK ") && line.length() > 4) acks.add(Long.parseLong(line.substring(4)));
        }
        return acks;
    }

    /** Integrity and gap-free rows; returns the highest committed number. */
    static long verify(Path file, String mode, int kill) {
        try (Database db = runtime.open(file.toString(), SqliteRuntime.DEFAULT_OPEN_FLAGS, CrashChild.vfs(mode))) {
            if (mode.equals("wal")) db.exec("PRAGMA locking_mode=EXCLUSIVE");
            try (Statement st = db.prepare("PRAGMA integrity_check")) {
                assertTrue(st.step());
                assertEquals("ok", st.getText(0), "kill " + kill);
            }
            try (Statement st = db.prepare("SELECT count(*), coalesce(max(n), 0), coalesce(sum(length(pad) = n * 997 % 5000), 0) FROM t")) {
                assertTrue(st.step());
                assertEquals(st.getLong(0), st.getLong(1), "kill " + kill + ": no transaction lost in the middle");
                assertEquals(st.getLong(0), st.getLong(2), "kill " + kill + ": every row whole");
                return st.getLong(1);
            }
        }
    }
}
