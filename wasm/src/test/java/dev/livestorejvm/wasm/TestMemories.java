package dev.livestorejvm.wasm;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * The project's memory ({@link FlatMemory}, whose constructor is package-private; it holds the {@link ResultSlots} and
 * {@link GlobalSlots} the class rewrites target) for the build steps' unit tests, which live in the
 * default package because the build steps do.
 */
public final class TestMemories {
    private TestMemories() {
    }

    public static Memory flat(MemoryLimits limits) {
        return new FlatMemory(limits);
    }
}
