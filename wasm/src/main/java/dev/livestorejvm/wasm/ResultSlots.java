package dev.livestorejvm.wasm;

import com.dylibso.chicory.runtime.Memory;

/**
 * Where an outlined function leaves its extra results (the locals it hands back to the function it
 * was cut from), one slot per result after the first. Chicory returns a function's multiple results
 * in a new {@code long[]}; the build step {@code RewriteResults} makes the outlined functions
 * return their first result (the exit code) and put the others here, and their call sites read them
 * back right after the call. The slots belong to the module instance's memory, so two instances on
 * two threads never share them; within an instance the binary is single-threaded
 * (SQLITE_THREADSAFE=0) and a call site reads its slots before anything else can call again.
 * Public because the generated classes (package {@code dev.livestorejvm.wasm.compiled}) use it.
 */
public abstract class ResultSlots implements Memory {
    /** Slots r1..r{@value #COUNT}; an outlined function with more extra results keeps the array. */
    public static final int COUNT = 32;

    public long r1;
    public long r2;
    public long r3;
    public long r4;
    public long r5;
    public long r6;
    public long r7;
    public long r8;
    public long r9;
    public long r10;
    public long r11;
    public long r12;
    public long r13;
    public long r14;
    public long r15;
    public long r16;
    public long r17;
    public long r18;
    public long r19;
    public long r20;
    public long r21;
    public long r22;
    public long r23;
    public long r24;
    public long r25;
    public long r26;
    public long r27;
    public long r28;
    public long r29;
    public long r30;
    public long r31;
    public long r32;

    ResultSlots() {
    }
}
