package dev.livestorejvm.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Where SQLite's randomness and time come from on the JVM. SQLite seeds its PRNG once, from the
 * default VFS's xRandomness; the runtime's default VFS is a Java VFS that serves the runtime's
 * entropy (SecureRandom unless a test gives another). A time-based seed would make two runtimes on
 * the same fixed clock agree; real entropy makes them differ.
 */
class EntropyAndClockTest {
    static final Clock FIXED = Clock.fixed(Instant.parse("2024-02-29T13:37:42.123Z"), ZoneOffset.UTC);

    static List<Object> sample(SqliteRuntime runtime) {
        try (Database db = runtime.open(":memory:"); Statement st = db.prepare("SELECT random(), hex(randomblob(16)), datetime('now')")) {
            st.step();
            return List.of(st.getLong(0), st.getText(1), st.getText(2));
        }
    }

    @Test
    void defaultRuntimesDrawRealEntropyNotTheClock() {
        try (SqliteRuntime a = SqliteRuntime.builder().clock(FIXED).build();
             SqliteRuntime b = SqliteRuntime.builder().clock(FIXED).build()) {
            List<Object> x = sample(a);
            List<Object> y = sample(b);
            assertEquals("2024-02-29 13:37:42", x.get(2), "the clock reaches 'now'");
            assertEquals(x.get(2), y.get(2));
            assertNotEquals(x.get(0), y.get(0), "same clock, yet different random(): the seed is not time-based");
            assertNotEquals(x.get(1), y.get(1));
        }
    }

    @Test
    void theRuntimesEntropyIsWhatSeedsThePrng() {
        try (SqliteRuntime a = SqliteRuntime.builder().clock(FIXED).entropy(new Random(7)).build();
             SqliteRuntime b = SqliteRuntime.builder().clock(Clock.systemUTC()).entropy(new Random(7)).build();
             SqliteRuntime c = SqliteRuntime.builder().clock(FIXED).entropy(new Random(8)).build()) {
            assertEquals(sample(a).subList(0, 2), sample(b).subList(0, 2), "same entropy, different clocks: same PRNG");
            assertNotEquals(sample(a).get(0), sample(c).get(0));
        }
    }

    @Test
    void theTestSeedRestartsThePrngLikeNodesTestControl() {
        try (SqliteRuntime a = SqliteRuntime.builder().clock(FIXED).build();
             SqliteRuntime b = SqliteRuntime.builder().clock(FIXED).build()) {
            sample(b);   // b's PRNG has run ahead: the seed must restart it
            a.seedRandomnessForTesting(42);
            b.seedRandomnessForTesting(42);
            List<Object> x = sample(a);
            assertEquals(x, sample(b));
            a.seedRandomnessForTesting(42);
            assertEquals(x, sample(a), "reseeding restarts the sequence");
            a.seedRandomnessForTesting(0);   // back to the runtime's entropy
            assertNotEquals(x.get(0), sample(a).get(0));
        }
    }
}
