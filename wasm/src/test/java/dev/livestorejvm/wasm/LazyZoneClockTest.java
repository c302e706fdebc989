package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LazyZoneClockTest {
    @Test
    void tellsTheSystemTimeInTheDefaultZone() {
        LazyZoneClock clock = new LazyZoneClock();
        long before = System.currentTimeMillis();
        long millis = clock.millis();
        Instant instant = clock.instant();
        long after = System.currentTimeMillis();
        assertTrue(millis >= before && millis <= after, millis + " not in [" + before + ", " + after + "]");
        assertTrue(!instant.isBefore(Instant.ofEpochMilli(before)) && !instant.isAfter(Instant.ofEpochMilli(after + 1)), instant.toString());
        assertEquals(ZoneId.systemDefault(), clock.getZone());
        assertEquals(Clock.systemDefaultZone().getZone(), clock.getZone());
    }

    @Test
    void withZoneGivesASystemClockInThatZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Clock c = new LazyZoneClock().withZone(tokyo);
        assertEquals(tokyo, c.getZone());
        assertTrue(Duration.between(c.instant(), Instant.now()).abs().toSeconds() < 5);
    }
}
