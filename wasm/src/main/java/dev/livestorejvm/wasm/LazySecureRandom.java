package dev.livestorejvm.wasm;

import java.security.SecureRandom;
import java.util.Random;

/**
 * A {@link SecureRandom} made on first use: setting one up costs ~25 ms of a cold start (security
 * providers), and SQLite asks for entropy only when it first needs randomness (temp file names,
 * {@code random()}), which many runs never do.
 */
final class LazySecureRandom extends Random {
    private static final long serialVersionUID = 1L;
    private transient SecureRandom delegate;

    private SecureRandom delegate() {
        SecureRandom d = delegate;
        if (d == null) delegate = d = new SecureRandom();
        return d;
    }

    @Override
    protected int next(int bits) {
        return delegate().nextInt() >>> (32 - bits);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        delegate().nextBytes(bytes);
    }

    @Override
    public synchronized void setSeed(long seed) {
        // Random's constructor calls this before the delegate exists; a SecureRandom keeps its own seeding
    }
}
