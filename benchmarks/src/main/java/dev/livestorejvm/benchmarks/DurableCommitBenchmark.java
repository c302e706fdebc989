package dev.livestorejvm.benchmarks;

/*
 * >>> PLACE RESERVED: durable-commit suite (file-VFS issue) <<<
 *
 * The suite measures commits to a real file with synchronous=FULL (each commit fsynced) against
 * native SQLite and sqlite4j on the same directory. It needs the engine's FileVfs, which is being
 * built on another branch; when that lands, add here a JMH class shaped like W1Benchmark with a
 * @Param target and a @TempDir-like per-trial directory, and add its rows to the README table.
 */
final class DurableCommitBenchmark {
    private DurableCommitBenchmark() {}
}
