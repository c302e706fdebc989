package dev.livestorejvm.wasm;

/** The module's heap could not satisfy an allocation the Java side needed (SQLite would say SQLITE_NOMEM). */
public class WasmOutOfMemory extends RuntimeException {
    public WasmOutOfMemory(String message) {
        super(message);
    }
}
