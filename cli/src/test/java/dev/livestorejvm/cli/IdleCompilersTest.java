package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The training run's wait for an idle JIT reads {@code Compiler.queue}'s text (IdleCompilers). */
class IdleCompilersTest {
    @Test
    void idleOnlyWhenNothingCompilesAndEveryQueueIsEmpty() {
        assertTrue(IdleCompilers.isIdle("Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n\n"));
        assertFalse(IdleCompilers.isIdle("Current compiles: \nC2 CompilerThread0  1264   !   4       a.B::c (497 bytes)\n\n"
            + "C1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n\n"), "a compile runs");
        assertFalse(IdleCompilers.isIdle("Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\n"
            + "1272       4       a.B::next (39 bytes)\n\n"), "a method waits in C2's queue");
        assertFalse(IdleCompilers.isIdle(""), "no queue named at all: not known to be idle");
    }

    @Test
    void awaitReturnsOnThisJvm() throws InterruptedException {
        long t0 = System.nanoTime();
        IdleCompilers.await(Duration.ofSeconds(30));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(31).toNanos());
    }
}
