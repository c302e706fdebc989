package dev.livestorejvm.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import dev.livestorejvm.wasm.compiled.WaSqliteDefault;
import dev.livestorejvm.wasm.compiled.WaSqliteFts5;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The module descriptions (types, imports, exports, data; code compiled to JVM classes) of the
 * compiled binaries, each read once per JVM from the image the build step DescribeCompiledModule
 * wrote beside the compiled classes ({@link ModuleImage}). Chicory's own {@code load()} parses its
 * {@code .meta} instead, which costs ~200 ms of every cold start; the image says the same (the build
 * parsed that very {@code .meta} with validation, and a test compares the two section by section).
 */
final class CompiledModules {
    private CompiledModules() {}

    static WasmModule of(WasmBinary binary) {
        return binary == WasmBinary.FTS5 ? Fts5.MODULE : Default.MODULE;
    }

    private static final class Default {
        static final WasmModule MODULE = read(WaSqliteDefault.class, "WaSqliteDefault.module");
    }

    private static final class Fts5 {
        static final WasmModule MODULE = read(WaSqliteFts5.class, "WaSqliteFts5.module");
    }

    static WasmModule read(Class<?> compiled, String resource) {
        byte[] bytes;
        try (InputStream in = compiled.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing beside " + compiled.getName());
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return ModuleImage.read(bytes, resource);
    }
}
