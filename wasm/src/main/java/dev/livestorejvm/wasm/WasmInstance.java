package dev.livestorejvm.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.livestorejvm.wasm.compiled.WaSqliteDefault;
import dev.livestorejvm.wasm.compiled.WaSqliteDefaultHotCalls;
import dev.livestorejvm.wasm.compiled.WaSqliteFts5;
import dev.livestorejvm.wasm.compiled.WaSqliteFts5HotCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One instantiated binary: calls into its exports by name, typed calls of the hot exports
 * ({@link #hot}), i64 legalization, and linear-memory helpers. Not thread-safe: the owner
 * serializes every call (the binary is SQLITE_THREADSAFE=0).
 */
final class WasmInstance {
    final WasmBinary binary;
    final Instance instance;
    final Memory memory;
    final RelaySlots slots;
    /** The exports called per row or statement, typed; direct calls of the compiled code when compiled. */
    final HotCalls hot;
    private final ExportFunction[] bound = new ExportFunction[WasmExport.values().length];
    private WasmAbort failure;

    private WasmInstance(WasmBinary binary, Instance instance, RelaySlots slots, HotCalls hot) {
        this.binary = binary;
        this.instance = instance;
        this.slots = slots;
        slots.install(instance, binary);
        this.memory = instance.memory();
        this.hot = hot.attach(this);
    }

    /** Parses (or loads the compiled form of) the binary and links the host functions. */
    static WasmInstance load(WasmBinary binary, ExecutionMode mode, long maxMemory, HostImports host) {
        return load(binary, mode, maxMemory, host, true);
    }

    /**
     * As {@link #load(WasmBinary, ExecutionMode, long, HostImports)}; {@code directCalls} false makes
     * the hot exports go through Chicory's export functions even when compiled (for cross-checks).
     */
    static WasmInstance load(WasmBinary binary, ExecutionMode mode, long maxMemory, HostImports host, boolean directCalls) {
        if (mode == ExecutionMode.COMPILED) {
            CompiledClassPreload.start(binary, binary == WasmBinary.FTS5 ? WaSqliteFts5.class : WaSqliteDefault.class);
        }
        WasmModule module = mode == ExecutionMode.COMPILED ? CompiledModules.of(binary) : parse(binary);
        List<HostFunction> functions = host.functions(module, binary);
        RelaySlots slots = new RelaySlots();
        Instance.Builder builder = Instance.builder(module)
            .withImportValues(ImportValues.builder().withFunctions(List.copyOf(functions)).build())
            .withTableFactory(slots.factory())
            // one flat byte[] with VarHandle views: Chicory's ByteArrayMemory (64 KiB pages) was
            // 25-50% faster on W1 than its ByteBuffer pages, and the flat array another 25-45%
            .withMemoryFactory(FlatMemory::new);
        if (maxMemory > 0) {
            MemoryLimits declared = module.memorySection().orElseThrow().getMemory(0).limits();
            int pages = (int) Math.min(declared.maximumPages(), maxMemory / Memory.PAGE_SIZE);
            if (pages < declared.initialPages()) {
                throw new IllegalArgumentException("maxMemory " + maxMemory + " is below the binary's initial "
                    + (long) declared.initialPages() * Memory.PAGE_SIZE + " bytes");
            }
            builder.withMemoryLimits(new MemoryLimits(declared.initialPages(), pages));
        }
        if (mode == ExecutionMode.COMPILED) {
            builder.withMachineFactory(binary == WasmBinary.FTS5 ? WaSqliteFts5::create : WaSqliteDefault::create);
        } else {
            builder.withGlobalFactory(GuardedStackPointer.factory(module));   // the compiled code's guard is in GlobalSlots
        }
        Instance instance = builder.build();
        if (mode == ExecutionMode.COMPILED) initStackPointer(module, instance);
        HotCalls hot;
        if (mode == ExecutionMode.COMPILED && directCalls) {
            hot = binary == WasmBinary.FTS5 ? new WaSqliteFts5HotCalls(instance) : new WaSqliteDefaultHotCalls(instance);
        } else {
            hot = new HotCallsViaExports(instance, binary);
        }
        WasmInstance wasm = new WasmInstance(binary, instance, slots, hot);
        // Emscripten start-up: static constructors, then main(0, 0), which runs sqlite3_initialize()
        // (the build has SQLITE_OMIT_AUTOINIT).
        wasm.call(WasmExport.wasm_call_ctors);
        int rc = wasm.callInt(WasmExport.main, 0, 0);
        if (rc != 0) throw new WasmAbort("main() returned " + rc + ": sqlite3_initialize failed");
        return wasm;
    }

    /**
     * The compiled code keeps global 0 (the stack pointer) in {@link GlobalSlots#g0} (build step
     * RewriteGlobals): it starts from the global's initial value, before any wasm code runs.
     */
    private static void initStackPointer(WasmModule module, Instance instance) {
        if (module.importSection().count(ExternalType.GLOBAL) != 0 || module.globalSection().globalCount() == 0
                || module.globalSection().getGlobal(0).mutabilityType() != MutabilityType.Var
                || module.globalSection().getGlobal(0).valueType() != ValType.I32) {
            throw new IllegalStateException("global 0 of the binary is not a mutable i32 of its own: the stack pointer is elsewhere");
        }
        GlobalSlots slots = (GlobalSlots) instance.memory();
        slots.g0 = instance.global(0).getValue();
        slots.stackEnd = stackEnd(module, (int) slots.g0);
    }

    /** The binary's C stack: Emscripten's STACK_SIZE as wa-sqlite builds it, directly above the data. */
    static final int STACK_SIZE = 512 * 1024;

    /**
     * The C stack's lowest address: {@link #STACK_SIZE} below its initial top. Checked against the
     * data segments, which must lie below it (a binary with a smaller stack fails here, not later).
     */
    static int stackEnd(WasmModule module, int stackTop) {
        int end = stackTop - STACK_SIZE;
        for (DataSegment s : module.dataSection().dataSegments()) {
            if (!(s instanceof ActiveDataSegment)) continue;
            ActiveDataSegment a = (ActiveDataSegment) s;
            List<Instruction> offset = a.offsetInstructions();
            if (offset.isEmpty() || offset.get(0).opcode() != OpCode.I32_CONST) continue;
            long dataEnd = offset.get(0).operand(0) + a.data().length;
            if (dataEnd > end) {
                throw new IllegalStateException("data up to " + dataEnd + " lies above the assumed C stack end " + end
                    + " (stack top " + stackTop + " - " + STACK_SIZE + "): the binary's stack is not where the guard expects it");
            }
        }
        return end;
    }

    private static WasmModule parse(WasmBinary binary) {
        String resource = BinaryInfo.of(binary).resource();
        try (InputStream in = WasmInstance.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the jar");
            return Parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ExportFunction export(WasmExport e) {
        ExportFunction f = bound[e.ordinal()];
        if (f == null) {
            try {
                f = instance.export(e.minifiedName(binary));
            } catch (ChicoryException ex) {
                throw new IllegalStateException("binary " + binary + " has no export " + e + " (" + e.minifiedName(binary) + ")", ex);
            }
            bound[e.ordinal()] = f;
        }
        return f;
    }

    /** Calls an export; a trap or abort poisons the instance so that no later call runs on a broken heap. */
    long[] call(WasmExport e, long... args) {
        enter();
        try {
            return export(e).apply(args);
        } catch (RuntimeException | Error t) {
            throw trapped(e, t);
        }
    }

    /** Before every call: refuses to run on a module that stopped. */
    void enter() {
        if (failure != null) throw new WasmAbort("the SQLite module stopped earlier and cannot be used: " + failure.getMessage(), failure);
    }

    /**
     * What a call of {@code e} that threw {@code t} throws: an abort, a trap or any Java
     * {@link Error} thrown inside the module's code (a stack overflow, an exhausted heap, a bug)
     * stops the instance (the C stack and heap are left mid-call) and comes out as
     * {@link WasmAbort}, so that no Error escapes unhandled; anything else as is.
     */
    RuntimeException trapped(WasmExport e, Throwable t) {
        if (t instanceof WasmAbort) {
            fail((WasmAbort) t);
            return (WasmAbort) t;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            // the guard's trap, maybe wrapped on its way out of the compiled code
            if (c instanceof CStackOverflow) {
                fail(new WasmAbort("C stack overflow in " + e + ": " + c.getMessage(), c));
                return failure;
            }
        }
        if (t instanceof Error || t instanceof ChicoryException) {
            fail(new WasmAbort("WebAssembly trap in " + e + ": " + t, t));
            return failure;
        }
        return (RuntimeException) t;
    }

    int callInt(WasmExport e, long... args) {
        return (int) call(e, args)[0];
    }

    /** An i64 result: the low half is returned, the high half waits in {@code __emscripten_tempret_get}. */
    long callLong(WasmExport e, long... args) {
        return i64(callInt(e, args));
    }

    /** The i64 result of the call that just returned its low half {@code lo}. */
    long i64(int lo) {
        return ((long) hot._emscripten_tempret_get() << 32) | (lo & 0xffffffffL);
    }

    double callDouble(WasmExport e, long... args) {
        return Double.longBitsToDouble(call(e, args)[0]);
    }

    boolean failed() {
        return failure != null;
    }

    WasmAbort failure() {
        return failure;
    }

    void fail(WasmAbort abort) {
        if (failure != null) return;
        failure = abort;
        Runnable then = onFailure;
        if (then != null) then.run();
    }

    /** Run once, on the failing thread, when the instance stops. */
    private Runnable onFailure;

    void onFailure(Runnable then) {
        this.onFailure = then;
    }

    // ---- linear memory ----

    int malloc(long size) {
        int p = hot.sqlite3_malloc64((int) size, (int) (size >>> 32));
        if (p == 0 && size > 0) throw new WasmOutOfMemory("sqlite3_malloc64(" + size + ") failed in the SQLite module");
        return p;
    }

    /**
     * Frees a buffer of the module's heap. Nothing on a stopped module: its heap is gone with it,
     * and the clean-up in a {@code finally} after a trap must not replace the trap's error with
     * "stopped earlier".
     */
    void free(int ptr) {
        if (ptr != 0 && failure == null) hot.sqlite3_free(ptr);
    }

    /** Copies a Java string into a new NUL-terminated UTF-8 buffer; free it with {@link #free}. */
    int cString(String s) {
        if (s == null) return 0;
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int p = malloc(utf8.length + 1L);
        memory.write(p, utf8);
        memory.writeByte(p + utf8.length, (byte) 0);
        return p;
    }

    /**
     * Copies bytes into a buffer owned by this instance and reused by every call (grown when too
     * small): for values SQLite copies before the call returns ({@code SQLITE_TRANSIENT} binds),
     * this saves a malloc and a free per call. Valid until the next call of this method.
     */
    int scratch(byte[] data) {
        if (data.length > scratchSize || scratch == 0) {
            free(scratch);
            scratch = 0;
            int size = Math.max(256, Integer.highestOneBit(Math.max(1, data.length)) << 1);
            scratch = malloc(size);
            scratchSize = size;
        }
        memory.write(scratch, data);
        return scratch;
    }

    private int scratch;
    private int scratchSize;

    /** Copies bytes into a new buffer (at least one byte long, so the pointer is never null). */
    int bytes(byte[] data) {
        int p = malloc(Math.max(1, data.length));
        memory.write(p, data);
        return p;
    }

    String readCString(int ptr) {
        if (ptr == 0) return null;
        int end = ptr;
        while (memory.read(end) != 0) end++;
        return readUtf8(ptr, end - ptr);
    }

    String readUtf8(int ptr, int len) {
        return len == 0 ? "" : new String(memory.readBytes(ptr, len), StandardCharsets.UTF_8);
    }

    static long lo(long v) {
        return v & 0xffffffffL;
    }

    static long hi(long v) {
        return v >>> 32;
    }

    static long joinI64(long lo, long hi) {
        return ((hi & 0xffffffffL) << 32) | (lo & 0xffffffffL);
    }
}
