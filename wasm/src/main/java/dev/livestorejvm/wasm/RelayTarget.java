package dev.livestorejvm.wasm;

/**
 * A Java object that the binary calls back through a relay import ({@code _ipp}, {@code _ippppij},
 * ...). The first relay argument is the key this target was registered under; an object target
 * ({@link #hasMethods()}) also receives the name of the method (the C string the adapter passes).
 *
 * <p>A target must not let an exception unwind through WebAssembly frames: SQLite's C code would be
 * left half-way. It returns an SQLite result code instead; whatever escapes anyway is caught by
 * the relay, remembered, and answered with {@code SQLITE_ERROR}.
 */
interface RelayTarget {
    /** True if calls carry a method name ({@code xOpen}, {@code xFunc}, ...) after the key. */
    default boolean hasMethods() {
        return false;
    }

    /**
     * @param method the method name, or null for function targets
     * @param args all relay arguments (legalized i64 values arrive as two i32 halves, low first)
     * @param first index of the first argument after the key (and method name)
     * @return the result for {@code i...} relays; ignored for {@code v...} relays
     */
    int invoke(String method, long[] args, int first);
}
