/**
 * The wa-sqlite binary in Chicory: loading the build-time compiled module, Emscripten's host
 * imports, the callback relays, and {@link dev.livestorejvm.wasm.SqliteModule}, SQLite's raw C API
 * in Java types.
 *
 * <p><b>Internal.</b> Everything here is public only because the {@code engine} module uses it across
 * module boundaries; it is not an API for applications, and it changes without notice. Use the
 * engine's {@code dev.livestorejvm.sqlite} package ({@code SqliteRuntime}, {@code Database},
 * {@code Statement}); the only types from here that callers meet are the options
 * {@link dev.livestorejvm.wasm.ExecutionMode} and {@link dev.livestorejvm.wasm.WasmBinary}.
 */
package dev.livestorejvm.wasm;
