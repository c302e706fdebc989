package dev.livestorejvm.wasm;

import com.dylibso.chicory.wasm.ChicoryException;

/**
 * A trap of the C stack guard: a function of the module tried to move the stack pointer below the
 * stack's end, where SQLite's static data lies. Nothing was written there; the call stops and the
 * instance is stopped with it (its heap is mid-call), as with any other trap.
 */
public final class CStackOverflow extends ChicoryException {
    CStackOverflow(int stackEnd, int current, int wanted) {
        super("SQLite's C stack overflowed (a frame down to address " + wanted + ", the stack ends at " + stackEnd
            + ", the pointer was at " + current + "): the statement nests too deeply for the module's stack");
    }
}
