package dev.livestorejvm.store.synccf;

import static org.junit.jupiter.api.Assertions.fail;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A pull listener that keeps what it got, and a "persisted" cursor moved after each page, as the
 * store's sync processor does after writing a page: what the client resumes from after a reconnect.
 */
final class Recorder implements PullListener, Supplier<Optional<Cursor>> {
    final List<PullResponse> pages = new CopyOnWriteArrayList<>();
    final List<PullError> errors = new CopyOnWriteArrayList<>();
    final List<Optional<Cursor>> resumedFrom = new CopyOnWriteArrayList<>();
    final List<Optional<Cursor>> restarts = new CopyOnWriteArrayList<>();
    volatile boolean completed;
    private volatile Optional<Cursor> persisted = Optional.empty();

    @Override
    public void onPage(PullResponse page) {
        pages.add(page);
        if (!page.batch().isEmpty()) {
            persisted = Optional.of(new Cursor(page.backendId(), page.batch().get(page.batch().size() - 1).eventEncoded().seqNum()));
        }
    }

    @Override
    public void onError(PullError error) {
        errors.add(error);
    }

    @Override
    public void onRestart(Optional<Cursor> from) {
        restarts.add(from);
    }

    @Override
    public void onComplete() {
        completed = true;
    }

    /** The resume cursor the client asks for. */
    @Override
    public Optional<Cursor> get() {
        resumedFrom.add(persisted);
        return persisted;
    }

    List<Long> seqs() {
        List<Long> out = new ArrayList<>();
        for (PullResponse p : pages) for (PullEvent e : p.batch()) out.add(e.eventEncoded().seqNum());
        return out;
    }

    boolean lostConnection(String reasonPart) {
        return errors.stream().anyMatch(e -> e instanceof PullError.ConnectionLost c && c.reason().contains(reasonPart));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    void awaitSeqs(int n) {
        await(n + " events (have " + seqs().size() + ", errors " + errors + ")", Duration.ofSeconds(20), () -> seqs().size() >= n);
    }
}
