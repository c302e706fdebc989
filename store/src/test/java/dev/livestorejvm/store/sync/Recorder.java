package dev.livestorejvm.store.sync;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A pull listener that records what it hears, for tests to wait on (bounded waits). */
final class Recorder implements PullListener {
    sealed interface Heard {}

    record Page(PullPage page) implements Heard {}

    record Error(SyncBackendException error) implements Heard {}

    record End() implements Heard {}

    final LinkedBlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
    final List<String> threads = new ArrayList<>();

    @Override
    public void onPage(PullPage page) {
        threads.add(Thread.currentThread().getName());
        heard.add(new Page(page));
    }

    @Override
    public void onError(SyncBackendException error) {
        heard.add(new Error(error));
    }

    @Override
    public void onEnd() {
        heard.add(new End());
    }

    Heard next() {
        try {
            Heard h = heard.poll(10, TimeUnit.SECONDS);
            assertNotNull(h, "nothing heard within 10 s");
            return h;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    PullPage page() {
        Heard h = next();
        return assertInstanceOf(Page.class, h, () -> "expected a page, heard " + h).page();
    }

    SyncBackendException error() {
        Heard h = next();
        return assertInstanceOf(Error.class, h, () -> "expected an error, heard " + h).error();
    }

    /** Pages until {@code count} events arrived; their events in order. */
    List<PulledEvent> events(int count) {
        List<PulledEvent> out = new ArrayList<>();
        while (out.size() < count) out.addAll(page().events());
        assertEquals(count, out.size(), "more events than expected");
        return out;
    }

    void assertQuiet(long millis) throws InterruptedException {
        Heard h = heard.poll(millis, TimeUnit.MILLISECONDS);
        assertNull(h, () -> "heard " + h);
    }
}
