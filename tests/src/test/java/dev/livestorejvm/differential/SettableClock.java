package dev.livestorejvm.differential;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock that stands still at an instant and zone set per script (one runtime serves many scripts). */
final class SettableClock extends Clock {
    private volatile long millis;
    private volatile ZoneId zone;

    SettableClock(long millis, ZoneId zone) {
        this.millis = millis;
        this.zone = zone;
    }

    void set(long newMillis, ZoneId newZone) {
        millis = newMillis;
        zone = newZone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new SettableClock(millis, z);
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }
}
