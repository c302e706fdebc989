package dev.livestorejvm.wasm;

/** How the JVM runs the SQLite binary. Same binary, same answers; only speed differs. */
public enum ExecutionMode {
    /** JVM bytecode generated from the binary at build time by Chicory's compiler (the default). */
    COMPILED,
    /** Chicory's interpreter over the same binary: slow, kept for cross-checks. */
    INTERPRETED
}
