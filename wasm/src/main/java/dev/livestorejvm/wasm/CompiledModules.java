package dev.livestorejvm.wasm;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.livestorejvm.wasm.compiled.WaSqliteDefault;
import dev.livestorejvm.wasm.compiled.WaSqliteFts5;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The module descriptions (types, imports, exports, data; code compiled to JVM classes) that
 * Chicory's build-time compiler writes beside its classes, each read once per JVM. Read without
 * Chicory's validator: the compiler validated the very same module at build time, and validating
 * again costs ~100 ms of every cold start (Chicory's own {@code load()} does).
 */
final class CompiledModules {
    private CompiledModules() {}

    static WasmModule of(WasmBinary binary) {
        return binary == WasmBinary.FTS5 ? Fts5.MODULE : Default.MODULE;
    }

    private static final class Default {
        static final WasmModule MODULE = read(WaSqliteDefault.class, "WaSqliteDefault.meta");
    }

    private static final class Fts5 {
        static final WasmModule MODULE = read(WaSqliteFts5.class, "WaSqliteFts5.meta");
    }

    private static WasmModule read(Class<?> compiled, String resource) {
        byte[] bytes;
        try (InputStream in = compiled.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing beside " + compiled.getName());
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return Parser.builder().withValidation(false).build().parse(() -> new java.io.ByteArrayInputStream(bytes));
    }
}
