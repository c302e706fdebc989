package dev.livestorejvm.store.synccf;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect delays with jitter: attempt n waits between half and all of min·2ⁿ, capped at max. */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private int attempt;

    Backoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
    }

    long nextDelayMillis() {
        long base = minMillis << Math.min(attempt, 20);
        if (base <= 0 || base > maxMillis) base = maxMillis;
        attempt++;
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    void reset() {
        attempt = 0;
    }
}
