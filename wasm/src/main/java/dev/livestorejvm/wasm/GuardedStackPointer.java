package dev.livestorejvm.wasm;

import com.dylibso.chicory.runtime.GlobalFactory;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;

/**
 * The C stack guard of the interpreter: Chicory's interpreter runs {@code global.set 0} on the
 * global's {@link GlobalInstance}, which the build step RewriteGlobals cannot rewrite (it rewrites
 * compiled classes), so global 0 is this subclass, with the same bound check as
 * {@link GlobalSlots#setStackPointer}: a stack pointer below the stack's end traps with
 * {@link CStackOverflow} before any frame is written over SQLite's data.
 */
final class GuardedStackPointer extends GlobalInstance {
    private final int stackEnd;

    private GuardedStackPointer(long low, long high, ValType type, MutabilityType mutability, int stackEnd) {
        super(low, high, type, mutability);
        this.stackEnd = stackEnd;
    }

    /** Globals as Chicory makes them, global 0 (created first: the binary imports no global) guarded. */
    static GlobalFactory factory(WasmModule module) {
        return new GlobalFactory() {
            private int index;

            @Override
            public GlobalInstance create(long low, long high, ValType type, MutabilityType mutability) {
                if (index++ != 0) return new GlobalInstance(low, high, type, mutability);
                return new GuardedStackPointer(low, high, type, mutability, WasmInstance.stackEnd(module, (int) low));
            }
        };
    }

    int stackEnd() {
        return stackEnd;
    }

    @Override
    public void setValue(long value) {
        check(value);
        super.setValue(value);
    }

    @Override
    public void setValueLow(long value) {
        check(value);
        super.setValueLow(value);
    }

    @Override
    public void setValue(Value value) {
        check(value.raw());
        super.setValue(value);
    }

    private void check(long value) {
        if ((int) value < stackEnd) throw new CStackOverflow(stackEnd, (int) getValue(), (int) value);
    }
}
