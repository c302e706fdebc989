package dev.livestorejvm.cli;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Waits, at the end of a training run on JDK 17-20, until the JIT's compile queues are empty. Those
 * JDKs copy a method's "queued for compilation" flag into a dynamic CDS archive (JDK-8306460, fixed
 * in 21): a method queued when the archive is dumped at exit is then never compiled in any run that
 * uses the archive. Measured: two of SQLite's hot functions stayed in the interpreter and made the
 * VDBE script twice as slow with one archive and not with another of the same build.
 */
final class IdleCompilers {
    private IdleCompilers() {}

    /** True on the JDKs whose dynamic archives keep the flag. */
    static boolean needed() {
        return Runtime.version().feature() < 21;
    }

    /** Returns once both compile queues are empty and no compile runs, twice in a row, or after {@code limit}. */
    static void await(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int idle = 0;
        while (idle < 2) {
            if (System.nanoTime() > deadline) {
                System.err.println("[training] the JIT's compile queues did not empty within " + limit + "; dumping anyway");
                return;
            }
            idle = isIdle(compilerQueue()) ? idle + 1 : 0;
            Thread.sleep(50);
        }
    }

    /** What {@code jcmd PID Compiler.queue} prints, asked in-process. */
    private static String compilerQueue() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "compilerQueue", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("training run: cannot read the JIT's compile queues", e);
        }
    }

    /** No compile running (no "CompilerThread" line) and every queue "Empty". */
    static boolean isIdle(String queue) {
        int queues = 0;
        int empty = 0;
        String[] lines = queue.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("CompilerThread")) return false;
            if (lines[i].endsWith("compile queue:")) {
                queues++;
                if (i + 1 < lines.length && lines[i + 1].trim().equals("Empty")) empty++;
            }
        }
        return queues > 0 && queues == empty;
    }
}
