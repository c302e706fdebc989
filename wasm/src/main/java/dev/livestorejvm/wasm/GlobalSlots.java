package dev.livestorejvm.wasm;

/**
 * The binary's stack pointer (global 0, Emscripten's {@code __stack_pointer}), kept in a field of
 * the instance's memory object. Chicory keeps globals in {@code GlobalInstance}s that generated
 * code reaches through {@code Instance.global(int)} (an imports check, a bounds check, four
 * dependent loads); SQLite's functions move the stack pointer on entry and exit, 1,466 places in
 * the default module. The build step {@code RewriteGlobals} makes the generated code read and
 * write this field instead, and {@code WasmInstance} copies the global's initial value in before
 * any wasm code runs. Nothing else reads global 0 (the host uses the exported functions), so the
 * {@code GlobalInstance} is never consulted again. Public because the generated classes (package
 * {@code dev.livestorejvm.wasm.compiled}) use it.
 */
public abstract class GlobalSlots extends ResultSlots {
    /** Global 0, as Chicory stores globals (the i32 in the low half). */
    public long g0;
    /**
     * The C stack's lowest address: the stack grows down from global 0's initial value towards the
     * module's data. 0 (no bound) until {@code WasmInstance} sets it.
     */
    int stackEnd;

    GlobalSlots() {
    }

    /**
     * {@code global.set 0} in the compiled code (build step RewriteGlobals): the stack pointer may not
     * go below the stack's end, where SQLite's static data lies. A function moves it down on entry,
     * before it writes its frame, so the trap comes before anything is overwritten. Small enough
     * for HotSpot to inline at every call site (one load and one compare).
     */
    public static void setStackPointer(GlobalSlots slots, long value) {
        if ((int) value < slots.stackEnd) throw slots.stackOverflow((int) value);
        slots.g0 = value;
    }

    private CStackOverflow stackOverflow(int value) {
        return new CStackOverflow(stackEnd, (int) g0, value);
    }
}
