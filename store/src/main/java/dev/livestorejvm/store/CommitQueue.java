package dev.livestorejvm.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The commits sessions accepted and the writer has not yet persisted: tickets in acceptance order,
 * the local head they reach, back-pressure on committers, the writer's batches, and what became of
 * each ticket (on disk, or lost to a failure). All state here is guarded by one lock of its own,
 * which is never held while calling out.
 */
final class CommitQueue {
    /** Events persisted in one transaction at most. */
    static final int MAX_BATCH_EVENTS = 1000;
    /** Accepted events not yet persisted before committers wait (back-pressure). */
    static final int MAX_QUEUED_EVENTS = 20_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<PendingCommit> queue = new ArrayDeque<>();
    /** Work for the writer thread other than commits (the sync processor's), run before the next batch. */
    private final ArrayDeque<Runnable> jobs = new ArrayDeque<>();
    private final List<LeaderFailure> failures = new ArrayList<>();
    private int unsettledEvents;
    private long acceptedTicket;
    private long settledTicket;
    private SeqNum head;
    private StoreException broken;
    private boolean closing;

    CommitQueue(SeqNum persistedHead) {
        this.head = persistedHead;
    }

    /** Waits while too many accepted events wait for the writer. */
    void awaitRoom() {
        lock.lock();
        try {
            while (unsettledEvents >= MAX_QUEUED_EVENTS && !closing && broken == null) changed.awaitUninterruptibly();
        } finally {
            lock.unlock();
        }
    }

    /** The newest accepted event's number: the local head. */
    SeqNum head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Moves the local head to what the files hold, after they changed under the queue (rollback, rebase). */
    void resetHead(SeqNum persisted) {
        lock.lock();
        try {
            head = persisted;
        } finally {
            lock.unlock();
        }
    }

    /** Throws if the writer failed for good. */
    void checkUsable() {
        StoreException b;
        lock.lock();
        try {
            b = broken;
        } finally {
            lock.unlock();
        }
        if (b != null) throw new StoreException(b);
    }

    /** Queues a commit for the writer; the caller serializes acceptances (it hands out the numbers). */
    PendingCommit accept(SessionEvents origin, List<PendingCommit.Item> items) {
        lock.lock();
        try {
            PendingCommit pc = new PendingCommit(++acceptedTicket, origin, items);
            queue.add(pc);
            unsettledEvents += items.size();
            head = pc.last();
            changed.signalAll();
            return pc;
        } finally {
            lock.unlock();
        }
    }

    long acceptedTicket() {
        lock.lock();
        try {
            return acceptedTicket;
        } finally {
            lock.unlock();
        }
    }

    /** True if every accepted commit is persisted or lost. */
    boolean idle() {
        lock.lock();
        try {
            return settledTicket == acceptedTicket;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until commit {@code ticket} (and all before it) is persisted or lost; returns the
     * failure that lost it, or null if it is on disk.
     */
    LeaderFailure awaitSettled(long ticket) {
        lock.lock();
        try {
            while (settledTicket < ticket) {
                if (broken != null) throw new StoreException(broken);
                changed.awaitUninterruptibly();
            }
            for (LeaderFailure f : failures) if (f.covers(ticket)) return f;
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (at most until {@code deadlineNanos}) until every accepted commit is settled, the queue
     * closes or breaks; returns the number of events still unsettled.
     */
    int drain(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (settledTicket < acceptedTicket && broken == null && !closing) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return unsettledEvents;
                changed.awaitNanos(left);
            }
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** What the writer does next: persist a batch of commits, or run a job. */
    sealed interface Work {}

    record Batch(List<PendingCommit> commits) implements Work {}

    record Job(Runnable run) implements Work {}

    /** Queues a job for the writer thread; it runs before the next batch of commits. Refused once closing. */
    boolean submit(Runnable job) {
        lock.lock();
        try {
            if (closing || broken != null) return false;
            jobs.add(job);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The writer's next work, jobs first; null once closed with no commits left (jobs left then are dropped). */
    Work next() {
        lock.lock();
        try {
            while (queue.isEmpty() && jobs.isEmpty() && !closing) changed.awaitUninterruptibly();
            if (!jobs.isEmpty() && !closing) return new Job(jobs.poll());
            List<PendingCommit> batch = pollBatch();
            return batch == null ? null : new Batch(batch);
        } finally {
            lock.unlock();
        }
    }

    /** The next batch without waiting (whole commits, at most {@link #MAX_BATCH_EVENTS} events unless one commit is larger), or null. */
    List<PendingCommit> pollBatch() {
        lock.lock();
        try {
            if (queue.isEmpty()) return null;
            List<PendingCommit> batch = new ArrayList<>();
            int events = 0;
            while (!queue.isEmpty() && (batch.isEmpty() || events + queue.peek().items().size() <= MAX_BATCH_EVENTS)) {
                PendingCommit pc = queue.poll();
                batch.add(pc);
                events += pc.items().size();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** {@code batch} is on disk. */
    void persisted(List<PendingCommit> batch) {
        lock.lock();
        try {
            settledTicket = batch.get(batch.size() - 1).ticket();
            for (PendingCommit pc : batch) unsettledEvents -= pc.items().size();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After a failed batch: {@code failed} and every commit queued behind it, which are lost too; the queue is emptied. */
    List<PendingCommit> takeUnsettled(List<PendingCommit> failed) {
        lock.lock();
        try {
            List<PendingCommit> unsettled = new ArrayList<>(failed);
            unsettled.addAll(queue);
            queue.clear();
            return unsettled;
        } finally {
            lock.unlock();
        }
    }

    /** Records that {@code failure}'s tickets are lost and the files stand at {@code persistedHead}; waiters go on. */
    void lost(LeaderFailure failure, SeqNum persistedHead) {
        lock.lock();
        try {
            failures.add(failure);
            head = persistedHead;
            settledTicket = failure.to();
            unsettledEvents = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The writer failed and could not recover: every waiter and every later call gets {@code error}. */
    void broken(StoreException error) {
        lock.lock();
        try {
            broken = error;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more commits: the writer ends once the queue is empty. */
    void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
