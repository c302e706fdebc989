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
 */
final class FlatMemory implements Memory {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    /** Pages a Java array can hold. */
    static final int ARRAY_MAX_PAGES = Integer.MAX_VALUE / PAGE_SIZE;

    private final MemoryLimits limits;
    private byte[] bytes;
    private DataSegment[] segments;

    FlatMemory(MemoryLimits limits) {
        if (limits.shared()) throw new ChicoryException("shared memory is not supported by " + FlatMemory.class.getSimpleName());
        if (limits.initialPages() > ARRAY_MAX_PAGES) throw new ChicoryException("initial memory of " + limits.initialPages() + " pages exceeds a Java array");
        this.limits = limits;
        this.bytes = new byte[limits.initialPages() * PAGE_SIZE];
    }

    private RuntimeException outOfBounds(int addr, long size) {
        return new WasmRuntimeException("out of bounds memory access: attempted to access address " + Integer.toUnsignedString(addr)
            + " of size " + size + " in memory of " + bytes.length + " bytes");
    }

    /** Traps unless [addr, addr + size) lies in memory (addr unsigned). */
    private void check(int addr, int size) {
        if (addr < 0 || size < 0 || (long) addr + size > bytes.length) throw outOfBounds(addr, size);
    }

    // ---- size ----

    @Override
    public int pages() {
        return bytes.length / PAGE_SIZE;
    }

    @Override
    public int grow(int delta) {
        int old = pages();
        long wanted = (long) old + Integer.toUnsignedLong(delta);
        if (wanted > maximumPages()) return -1;
        if (wanted != old) bytes = Arrays.copyOf(bytes, (int) wanted * PAGE_SIZE);
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
    public void write(int addr, byte[] data, int offset, int size) {
        check(addr, size);
        System.arraycopy(data, offset, bytes, addr, size);
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        check(addr, len);
        return Arrays.copyOfRange(bytes, addr, addr + len);
    }

    @Override
    public void zero() {
        // Instance.initialize zeroes the memory it has just created: a new array comes zeroed by the
        // JVM at memset speed, where Arrays.fill over ~17 MB would run in the bytecode interpreter
        // at start-up
        bytes = new byte[bytes.length];
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        check(fromIndex, toIndex - fromIndex);
        byte[] b = bytes;
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
    public void copy(int dest, int src, int size) {
        check(src, size);
        check(dest, size);
        System.arraycopy(bytes, src, bytes, dest, size);   // handles overlap like memmove
    }

    // ---- scalars: the VarHandle's index check is the wasm bounds check ----

    @Override
    public byte read(int addr) {
        try {
            return bytes[addr];
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 1);
        }
    }

    @Override
    public void writeByte(int addr, byte data) {
        try {
            bytes[addr] = data;
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 1);
        }
    }

    @Override
    public short readShort(int addr) {
        try {
            return (short) SHORT.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 2);
        }
    }

    @Override
    public void writeShort(int addr, short data) {
        try {
            SHORT.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 2);
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
            throw outOfBounds(addr, 4);
        }
    }

    @Override
    public void writeI32(int addr, int data) {
        try {
            INT.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4);
        }
    }

    @Override
    public long readLong(int addr) {
        try {
            return (long) LONG.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8);
        }
    }

    @Override
    public void writeLong(int addr, long data) {
        try {
            LONG.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8);
        }
    }

    @Override
    public float readFloat(int addr) {
        try {
            return (float) FLOAT.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4);
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
            throw outOfBounds(addr, 4);
        }
    }

    @Override
    public double readDouble(int addr) {
        try {
            return (double) DOUBLE.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8);
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
            throw outOfBounds(addr, 8);
        }
    }
}
