package dev.livestorejvm.wasm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the default time zone, the zone looked up on first use: looking it up
 * ({@link Clock#systemDefaultZone()}) reads the JDK's time-zone database, ~40 ms of a cold start,
 * and SQLite asks for the zone only for {@code localtime} conversions, which many runs never do.
 */
final class LazyZoneClock extends Clock {
    private ZoneId zone;

    @Override
    public ZoneId getZone() {
        ZoneId z = zone;
        if (z == null) zone = z = ZoneId.systemDefault();
        return z;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Clock.systemUTC().instant();
    }

    @Override
    public String toString() {
        return "LazyZoneClock[" + (zone == null ? "system default, not looked up yet" : zone) + "]";
    }
}
