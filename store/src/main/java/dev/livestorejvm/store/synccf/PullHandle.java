package dev.livestorejvm.store.synccf;

/** A running pull. */
public interface PullHandle {
    /** Ends the pull (sends {@code Interrupt} if it is on the wire); its listener is not called after this returns. */
    void cancel();

    boolean isActive();
}
