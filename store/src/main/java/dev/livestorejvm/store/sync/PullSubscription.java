package dev.livestorejvm.store.sync;

/** A running pull. {@link #close} stops it (sync-cf's {@code Interrupt}); the listener then hears nothing more. */
public interface PullSubscription extends AutoCloseable {
    /** False once closed, failed or (non-live) ended. */
    boolean isOpen();

    /** Idempotent. */
    @Override
    void close();
}
