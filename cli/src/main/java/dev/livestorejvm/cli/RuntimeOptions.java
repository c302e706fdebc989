package dev.livestorejvm.cli;

import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.wasm.ExecutionMode;
import dev.livestorejvm.wasm.WasmBinary;
import picocli.CommandLine.Option;

/** Which SQLite binary runs, and how: options shared by every subcommand that starts a runtime. */
final class RuntimeOptions {
    @Option(names = "--interpreted", description = "Run the binary on Chicory's interpreter instead of the "
        + "compiled bytecode (slow; for cross-checks).")
    boolean interpreted;

    @Option(names = "--fts5", description = "Use the build of SQLite with FTS5 compiled in.")
    boolean fts5;

    /** The default runtime started before the options were parsed (EarlyRuntime), or null. */
    EarlyRuntime early;

    SqliteRuntime start() {
        if (early != null && !fts5 && !interpreted) {
            SqliteRuntime started = early.take();
            if (started != null) return started;
        }
        return SqliteRuntime.builder()
            .binary(fts5 ? WasmBinary.FTS5 : WasmBinary.DEFAULT)
            .mode(interpreted ? ExecutionMode.INTERPRETED : ExecutionMode.COMPILED)
            .build();
    }
}
