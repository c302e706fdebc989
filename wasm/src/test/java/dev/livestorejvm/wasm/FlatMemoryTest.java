package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The flat memory against the wasm rules and against Chicory's own paged memory. */
class FlatMemoryTest {
    static final int PAGE = Memory.PAGE_SIZE;

    @Test
    void scalarsAreLittleEndianAndRoundTrip() {
        FlatMemory m = new FlatMemory(new MemoryLimits(1, 2));
        m.writeI32(8, 0x11223344);
        assertEquals(0x44, m.read(8));
        assertEquals(0x11, m.read(11));
        assertEquals(0x11223344, m.readInt(8));
        m.writeLong(16, Long.MIN_VALUE + 5);
        assertEquals(Long.MIN_VALUE + 5, m.readLong(16));
        m.writeShort(30, (short) -2);
        assertEquals(0xfffe, m.readU16(30));
        m.writeF64(40, -0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), m.readF64(40));
        m.writeF32(48, Float.NaN);
        assertTrue(Float.isNaN(m.readFloat(48)));
        // unaligned accesses are allowed in wasm
        m.writeLong(PAGE - 9, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, m.readLong(PAGE - 9));
    }

    @Test
    void everyAccessPastTheEndTraps() {
        FlatMemory m = new FlatMemory(new MemoryLimits(1, 1));
        assertThrows(WasmRuntimeException.class, () -> m.readInt(PAGE - 3));
        assertThrows(WasmRuntimeException.class, () -> m.writeLong(PAGE - 7, 1));
        assertThrows(WasmRuntimeException.class, () -> m.read(PAGE));
        assertThrows(WasmRuntimeException.class, () -> m.readInt(-4));   // an unsigned address past 2 GiB
        assertThrows(WasmRuntimeException.class, () -> m.fill((byte) 1, PAGE - 4, PAGE + 4));
        assertThrows(WasmRuntimeException.class, () -> m.copy(PAGE - 4, 0, 8));
        assertThrows(WasmRuntimeException.class, () -> m.readBytes(PAGE - 1, 2));
        WasmRuntimeException e = assertThrows(WasmRuntimeException.class, () -> m.readShort(PAGE - 1));
        assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
        // a trap writes nothing
        assertEquals(0, m.read(PAGE - 4));
    }

    /** The compiled code's static accessors (RewriteAddresses): the instance methods' results, traps and growth. */
    @Test
    void theCompiledCodesStaticAccessorsMatchTheMethodsAndSeeGrowth() {
        FlatMemory m = new FlatMemory(new MemoryLimits(1, 2));
        m.zero();
        FlatMemory.memoryWriteIntNear(100, 0x11223344, 8, m);
        assertEquals(0x11223344, m.readInt(108));
        assertEquals(0x44, FlatMemory.memoryReadByteNear(104, 4, m));
        FlatMemory.memoryWriteByteNear(108, (byte) -1, 3, m);
        assertEquals((byte) -1, m.read(111));
        FlatMemory.memoryWriteShortNear(0, (short) -2, 30, m);
        assertEquals((short) -2, FlatMemory.memoryReadShortNear(30, 0, m));
        FlatMemory.memoryWriteLongNear(PAGE - 9, 0x0102030405060708L, 0, m);
        assertEquals(0x0102030405060708L, FlatMemory.memoryReadLongNear(PAGE - 10, 1, m));
        FlatMemory.memoryWriteFloatNear(40, 1.5f, 8, m);
        assertEquals(1.5f, FlatMemory.memoryReadFloatNear(48, 0, m));
        FlatMemory.memoryWriteDoubleNear(56, -0.0, 0, m);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FlatMemory.memoryReadDoubleNear(50, 6, m)));
        // past the end traps, as the instance methods do
        assertThrows(WasmRuntimeException.class, () -> FlatMemory.memoryReadIntNear(PAGE - 4, 1, m));
        assertThrows(WasmRuntimeException.class, () -> FlatMemory.memoryWriteByteNear(PAGE, (byte) 1, 0, m));
        assertThrows(WasmRuntimeException.class, () -> FlatMemory.memoryReadLongNear(-8, 0, m));
        // grow replaces the array: the accessors see the new one, contents kept
        assertEquals(1, m.grow(1));
        FlatMemory.memoryWriteIntNear(PAGE, 7, 4, m);
        assertEquals(7, FlatMemory.memoryReadIntNear(PAGE + 4, 0, m));
        assertEquals(0x0102030405060708L, FlatMemory.memoryReadLongNear(PAGE - 9, 0, m));
    }

    @Test
    void growKeepsContentsAndStopsAtTheMaximum() {
        FlatMemory m = new FlatMemory(new MemoryLimits(1, 3));
        m.writeI32(PAGE - 4, 42);
        assertEquals(1, m.grow(1));
        assertEquals(2, m.pages());
        assertEquals(42, m.readInt(PAGE - 4));
        m.writeI32(2 * PAGE - 4, 7);
        assertEquals(-1, m.grow(2));
        assertEquals(2, m.pages());
        assertEquals(2, m.grow(0));
        assertEquals(2, m.grow(1));
        assertEquals(7, m.readInt(2 * PAGE - 4));
        assertEquals(-1, m.grow(-1));   // an unsigned delta of 4 Gi pages
    }

    @Test
    void zeroClearsEverythingAndKeepsTheSize() {
        FlatMemory m = new FlatMemory(new MemoryLimits(1, 4));
        m.grow(1);
        m.writeLong(PAGE + 100, -1L);
        m.zero();
        assertEquals(2, m.pages());
        assertEquals(0L, m.readLong(PAGE + 100));
    }

    @Test
    void theLargestMemoryIsWhatAJavaArrayHolds() {
        FlatMemory m = new FlatMemory(new MemoryLimits(1, 65536));
        assertEquals(Integer.MAX_VALUE / PAGE, m.maximumPages());
    }

    @Test
    void bulkOperationsAgreeWithChicorysPagedMemory() {
        agreesWithChicorysPagedMemory(3, 0);
    }

    @Test
    void theArrayIsMadeOnFirstUseWhicheverItIs() {
        for (int first = 0; first < 4; first++) {
            FlatMemory m = new FlatMemory(new MemoryLimits(2, 4));
            int end = 2 * PAGE;
            switch (first) {
                case 0: assertEquals(0L, m.readLong(end - 8)); break;
                case 1: m.writeI32(end - 4, 9); assertEquals(9, m.readInt(end - 4)); break;
                case 2: assertEquals(2, m.grow(1)); end += PAGE; break;   // grown before any access
                default: m.zero(); break;
            }
            assertThrows(WasmRuntimeException.class, () -> new FlatMemory(new MemoryLimits(1, 1)).readInt(PAGE - 2));
            m.writeLong(end - 8, -3L);
            m.write(0, new byte[] {1, 2, 3}, 0, 3);
            assertEquals(-3L, m.readLong(end - 8), "first access " + first);
            assertEquals(0x030201, m.readInt(0));
            assertEquals(0, m.readInt(end / 2));
            assertEquals(end / PAGE, m.pages());
            int last = end;
            assertThrows(WasmRuntimeException.class, () -> m.readInt(last - 2));
            assertEquals(end / PAGE, m.grow(1));
            assertEquals(-3L, m.readLong(end - 8), "grown after first access " + first);
            assertEquals(0L, m.readLong(end + PAGE - 8));
        }
    }

    @Test
    void aFreshMemoryAgreesWithChicorysPagedMemory() {
        agreesWithChicorysPagedMemory(5, 11);   // no zero(): the first random operation makes the array
    }

    /** Random fills, copies, writes and reads on both memories, then all their bytes compared. */
    private static void agreesWithChicorysPagedMemory(int pages, long seed) {
        MemoryLimits limits = new MemoryLimits(pages, pages);
        FlatMemory flat = new FlatMemory(limits);
        ByteArrayMemory paged = new ByteArrayMemory(limits);
        Random r = new Random(7 + seed);
        int size = pages * PAGE;
        for (int i = 0; i < 20_000; i++) {
            int op = r.nextInt(5);
            int len = r.nextBoolean() ? r.nextInt(80) : r.nextInt(3 * PAGE / 2);
            int a = r.nextInt(size - len + 1), b = r.nextInt(size - len + 1);
            switch (op) {
                case 0: { byte v = (byte) r.nextInt(); flat.fill(v, a, a + len); paged.fill(v, a, a + len); break; }
                case 1: flat.copy(a, b, len); paged.copy(a, b, len); break;
                case 2: { byte[] d = new byte[len]; r.nextBytes(d); flat.write(a, d, 0, len); paged.write(a, d, 0, len); break; }
                case 3: if (a + 8 <= size) { long v = r.nextLong(); flat.writeLong(a, v); paged.writeLong(a, v); } break;
                default: if (a + 4 <= size) assertEquals(paged.readInt(a), flat.readInt(a)); break;
            }
        }
        assertArrayEquals(paged.readBytes(0, size), flat.readBytes(0, size));
    }
}
