package dev.livestorejvm.wasm;

/**
 * The binary stopped: {@code abort()}, a failed C assertion, {@code exit()}, or a WebAssembly trap.
 * The module instance is unusable afterwards; every later call fails with this cause.
 */
public class WasmAbort extends RuntimeException {
    public WasmAbort(String message) {
        super(message);
    }

    public WasmAbort(String message, Throwable cause) {
        super(message, cause);
    }
}
