package dev.livestorejvm.wasm;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The module's linear memory as one flat {@code byte[]}, read and written through little-endian
 * VarHandle views. Chicory's {@code ByteArrayMemory} keeps 64 KiB pages and so pays a page lookup
 * and a page-crossing test on every access; here an access is one array access whose bounds check
 * is the wasm bounds check. Growing copies the array (Emscripten grows the heap geometrically, so
 * copies are rare). A Java array holds at most 2 GiB - 1 byte: the largest memory is one page short
 * of wasm32's 2 GiB, and growing past it fails as a wasm {@code memory.grow} does (SQLite then
 * reports SQLITE_NOMEM). Not shared: the binary is single-threaded (SQLITE_THREADSAFE=0).
 *
 * <p>The array is made when Instance zeroes the new memory ({@link #zero()}), not when the memory
 * is created: Instance does both at once, and making the 17 MB array twice cost ~15 ms of page
 * faults per start. An access before that (Chicory's flow has none) makes it on the way, through
 * the index check that fails on the empty array. Growing copies the array at once, never on a later
 * access: an exception taken in hot compiled code deoptimizes it (measured: W1's inserts 3x slower).
 *
 * <p>Public for its static {@code memory*Near} methods only, which the compiled code calls for every
 * load and store with a small constant offset (build step {@code RewriteAddresses}).
 */
public final class FlatMemory extends GlobalSlots {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    /** Pages a Java array can hold. */
    static final int ARRAY_MAX_PAGES = Integer.MAX_VALUE / PAGE_SIZE;

    private static final byte[] NOTHING = new byte[0];

    private final MemoryLimits limits;
    /** The memory's size in bytes (pages * PAGE_SIZE). */
    private int size;
    /** The memory's bytes; empty until first needed (then all zero). */
    private byte[] bytes = NOTHING;
    private DataSegment[] segments;

    FlatMemory(MemoryLimits limits) {
        if (limits.shared()) throw new ChicoryException("shared memory is not supported by " + FlatMemory.class.getSimpleName());
        if (limits.initialPages() > ARRAY_MAX_PAGES) throw new ChicoryException("initial memory of " + limits.initialPages() + " pages exceeds a Java array");
        this.limits = limits;
        this.size = limits.initialPages() * PAGE_SIZE;
    }

    private RuntimeException outOfBounds(int addr, long length) {
        return new WasmRuntimeException("out of bounds memory access: attempted to access address " + Integer.toUnsignedString(addr)
            + " of size " + length + " in memory of " + size + " bytes");
    }

    /**
     * Traps unless [addr, addr + length) lies in memory (addr unsigned); makes the array if it is
     * still to be made. Returns the array. Scalar accesses call it only when the array's index check failed.
     */
    private byte[] check(int addr, int length) {
        if (addr < 0 || length < 0 || (long) addr + length > size) throw outOfBounds(addr, length);
        if (bytes.length != size) bytes = new byte[size];   // only ever empty before: grow() copies at once
        return bytes;
    }

    // ---- size ----

    @Override
    public int pages() {
        return size / PAGE_SIZE;
    }

    @Override
    public int grow(int delta) {
        int old = pages();
        long wanted = (long) old + Integer.toUnsignedLong(delta);
        if (wanted > maximumPages()) return -1;
        int newSize = (int) wanted * PAGE_SIZE;
        if (bytes.length != 0 && wanted != old) {
            // the copy first, the size after: a Java heap that cannot hold the new array leaves the
            // memory as it was and the grow fails as wasm's memory.grow does (SQLite: SQLITE_NOMEM)
            byte[] grown;
            try {
                grown = Arrays.copyOf(bytes, newSize);
            } catch (OutOfMemoryError e) {
                return -1;
            }
            bytes = grown;
        }
        size = newSize;
        return old;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return Math.min(limits.maximumPages(), ARRAY_MAX_PAGES);
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    @SuppressWarnings("removal")   // still abstract in Chicory 1.7.5
    public Object lock(int address) {
        throw new UnsupportedOperationException("memory is not shared");
    }

    @Override
    @SuppressWarnings("removal")   // still abstract in Chicory 1.7.5
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")   // still abstract in Chicory 1.7.5
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")   // still abstract in Chicory 1.7.5
    public int notify(int address, int count) {
        return 0;   // nobody can wait on a non-shared memory
    }

    // ---- data segments ----

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        this.segments = dataSegments;
        if (dataSegments == null) return;
        for (DataSegment s : dataSegments) {
            if (s instanceof ActiveDataSegment) {
                ActiveDataSegment a = (ActiveDataSegment) s;
                if (a.index() != memoryIndex) continue;
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, a.offsetInstructions())[0];
                write(offset, a.data(), 0, a.data().length);
            } else if (!(s instanceof PassiveDataSegment)) {
                throw new ChicoryException("Data segment should be active or passive: " + s);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        byte[] data = segments[segmentId].data();
        if (offset < 0 || size < 0 || (long) offset + size > data.length) throw outOfBounds(offset, size);
        write(dest, data, offset, size);
    }

    @Override
    public void drop(int segment) {
        segments[segment] = PassiveDataSegment.EMPTY;
    }

    // ---- bulk ----

    @Override
    public void write(int addr, byte[] data, int offset, int length) {
        System.arraycopy(data, offset, check(addr, length), addr, length);
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        return Arrays.copyOfRange(check(addr, len), addr, addr + len);
    }

    @Override
    public void zero() {
        // Instance.initialize zeroes the memory it has just created: a new array comes zeroed by the
        // JVM at memset speed, where Arrays.fill over ~17 MB would run in the bytecode interpreter
        // at start-up
        bytes = new byte[size];
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        byte[] b = check(fromIndex, toIndex - fromIndex);
        int n = toIndex - fromIndex;
        if (n <= 64) {
            // memset of a small struct (musl's strcspn clears 32 bytes per call): plain stores beat
            // Arrays.fill's call and range checks
            long word = (value & 0xffL) * 0x0101010101010101L;
            int i = fromIndex;
            for (; i + 8 <= toIndex; i += 8) LONG.set(b, i, word);
            for (; i < toIndex; i++) b[i] = value;
        } else {
            Arrays.fill(b, fromIndex, toIndex, value);
        }
    }

    @Override
    public void copy(int dest, int src, int length) {
        check(src, length);
        byte[] b = check(dest, length);
        System.arraycopy(b, src, b, dest, length);   // handles overlap like memmove
    }

    // ---- the compiled code's loads and stores (build step RewriteAddresses) ----
    //
    // One static call per access, where Chicory's shaded helper calls Memory's interface method:
    // two frames fewer in the bytecode interpreter and fewer profiled calls in tier-3 code, the
    // code that runs while C2 compiles SQLite's hot functions in a process's first seconds. Each has
    // the descriptor of the shaded helper it replaces, whose getAddr(base, offset) call is a plain
    // sum here (the deviation RewriteAddresses documents). The array is read on every access:
    // grow() replaces it.

    public static byte memoryReadByteNear(int base, int offset, Memory memory) {
        FlatMemory m = (FlatMemory) memory;
        int addr = base + offset;
        try {
            return m.bytes[addr];
        } catch (IndexOutOfBoundsException e) {
            return m.check(addr, 1)[addr];
        }
    }

    public static short memoryReadShortNear(int base, int offset, Memory memory) {
        FlatMemory m = (FlatMemory) memory;
        int addr = base + offset;
        try {
            return (short) SHORT.get(m.bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            return (short) SHORT.get(m.check(addr, 2), addr);
        }
    }

    public static int memoryReadIntNear(int base, int offset, Memory memory) {
        FlatMemory m = (FlatMemory) memory;
        int addr = base + offset;
        try {
            return (int) INT.get(m.bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            return (int) INT.get(m.check(addr, 4), addr);
        }
    }

    public static long memoryReadLongNear(int base, int offset, Memory memory) {
        FlatMemory m = (FlatMemory) memory;
        int addr = base + offset;
        try {
            return (long) LONG.get(m.bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            return (long) LONG.get(m.check(addr, 8), addr);
        }
    }

    public static float memoryReadFloatNear(int base, int offset, Memory memory) {
        return ((FlatMemory) memory).readFloat(base + offset);
    }

    public static double memoryReadDoubleNear(int base, int offset, Memory memory) {
        return ((FlatMemory) memory).readDouble(base + offset);
    }

    public static void memoryWriteByteNear(int base, byte value, int offset, Memory memory) {
        FlatMemory m = (FlatMemory) memory;
        int addr = base + offset;
        try {
            m.bytes[addr] = value;
        } catch (IndexOutOfBoundsException e) {
            m.check(addr, 1)[addr] = value;
        }
    }

    public static void memoryWriteShortNear(int base, short value, int offset, Memory memory) {
        FlatMemory m = (FlatMemory) memory;
        int addr = base + offset;
        try {
            SHORT.set(m.bytes, addr, value);
        } catch (IndexOutOfBoundsException e) {
            SHORT.set(m.check(addr, 2), addr, value);
        }
    }

    public static void memoryWriteIntNear(int base, int value, int offset, Memory memory) {
        FlatMemory m = (FlatMemory) memory;
        int addr = base + offset;
        try {
            INT.set(m.bytes, addr, value);
        } catch (IndexOutOfBoundsException e) {
            INT.set(m.check(addr, 4), addr, value);
        }
    }

    public static void memoryWriteLongNear(int base, long value, int offset, Memory memory) {
        FlatMemory m = (FlatMemory) memory;
        int addr = base + offset;
        try {
            LONG.set(m.bytes, addr, value);
        } catch (IndexOutOfBoundsException e) {
            LONG.set(m.check(addr, 8), addr, value);
        }
    }

    public static void memoryWriteFloatNear(int base, float value, int offset, Memory memory) {
        ((FlatMemory) memory).writeF32(base + offset, value);
    }

    public static void memoryWriteDoubleNear(int base, double value, int offset, Memory memory) {
        ((FlatMemory) memory).writeF64(base + offset, value);
    }

    // ---- scalars: the array's index check is the wasm bounds check (and finds the array still to be made) ----

    @Override
    public byte read(int addr) {
        try {
            return bytes[addr];
        } catch (IndexOutOfBoundsException e) {
            return check(addr, 1)[addr];
        }
    }

    @Override
    public void writeByte(int addr, byte data) {
        try {
            bytes[addr] = data;
        } catch (IndexOutOfBoundsException e) {
            check(addr, 1)[addr] = data;
        }
    }

    @Override
    public short readShort(int addr) {
        try {
            return (short) SHORT.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            return (short) SHORT.get(check(addr, 2), addr);
        }
    }

    @Override
    public void writeShort(int addr, short data) {
        try {
            SHORT.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            SHORT.set(check(addr, 2), addr, data);
        }
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xffffL;
    }

    @Override
    public int readInt(int addr) {
        try {
            return (int) INT.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            return (int) INT.get(check(addr, 4), addr);
        }
    }

    @Override
    public void writeI32(int addr, int data) {
        try {
            INT.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            INT.set(check(addr, 4), addr, data);
        }
    }

    @Override
    public long readLong(int addr) {
        try {
            return (long) LONG.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            return (long) LONG.get(check(addr, 8), addr);
        }
    }

    @Override
    public void writeLong(int addr, long data) {
        try {
            LONG.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            LONG.set(check(addr, 8), addr, data);
        }
    }

    @Override
    public float readFloat(int addr) {
        try {
            return (float) FLOAT.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            return (float) FLOAT.get(check(addr, 4), addr);
        }
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public void writeF32(int addr, float data) {
        try {
            FLOAT.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            FLOAT.set(check(addr, 4), addr, data);
        }
    }

    @Override
    public double readDouble(int addr) {
        try {
            return (double) DOUBLE.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            return (double) DOUBLE.get(check(addr, 8), addr);
        }
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public void writeF64(int addr, double data) {
        try {
            DOUBLE.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            DOUBLE.set(check(addr, 8), addr, data);
        }
    }
}
