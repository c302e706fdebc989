package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.*;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.livestorejvm.vfs.MemoryVfs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host side of the binary's imports, called as the binary would call them. */
class HostImportsTest {
    static WasmInstance wasm;
    static Instance instance;
    static final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    static HostImports host;

    @BeforeAll
    static void load() {
        Clock clock = Clock.fixed(Instant.parse("2024-07-01T12:00:00Z"), ZoneId.of("Europe/Paris"));
        host = new HostImports(new Relay(), clock, new PrintStream(stdout, true), System.err);
        wasm = WasmInstance.load(WasmBinary.DEFAULT, ExecutionMode.COMPILED, 0, host);
        instance = wasm.instance;
    }

    private static WasmFunctionHandle handle(WasmImport which, int params, boolean returnsInt) {
        List<ValType> p = java.util.Collections.nCopies(params, ValType.I32);
        return host.handle(which, FunctionType.of(p, returnsInt ? List.of(ValType.I32) : List.of()));
    }

    @Test
    void everyImportOfBothBinariesHasAnImplementation() {
        for (WasmBinary b : WasmBinary.values()) {
            // building the host functions fails if an import has no implementation
            assertFalse(host.functions(b == WasmBinary.DEFAULT
                ? dev.livestorejvm.wasm.compiled.WaSqliteDefault.load()
                : dev.livestorejvm.wasm.compiled.WaSqliteFts5.load(), b).isEmpty());
        }
        assertEquals(71, host.functions(dev.livestorejvm.wasm.compiled.WaSqliteDefault.load(), WasmBinary.DEFAULT).size());
    }

    @Test
    void relaysAreRecognizedByTheirSignatureNames() {
        for (WasmImport i : WasmImport.values()) {
            String n = i.name();
            assertEquals(n.matches("[iv]p[pij]*"), HostImports.isRelay(n, n.length()), n);
            assertEquals(n.matches("[iv]p[pij]*_async"), n.endsWith("_async") && HostImports.isRelay(n, n.length() - 6), n);
        }
        for (String n : new String[] {"ip", "vp", "ippp", "vppippii", "ipppj"}) assertTrue(HostImports.isRelay(n, n.length()), n);
        for (String n : new String[] {"", "i", "pp", "ipx", "xp", "iq", "proc_exit", "ippp_async"}) assertFalse(HostImports.isRelay(n, n.length()), n);
    }

    @Test
    void fatalExitsBecomeExceptionsWithTheirMessage() {
        int cond = wasm.cString("x > 0");
        int file = wasm.cString("sqlite3.c");
        int fn = wasm.cString("doThing");
        WasmAbort a = assertThrows(WasmAbort.class, () -> handle(WasmImport.__assert_fail, 4, false).apply(instance, cond, file, 42, fn));
        assertEquals("Assertion failed: x > 0, at: sqlite3.c:42 doThing", a.getMessage());
        assertThrows(WasmAbort.class, () -> handle(WasmImport._abort_js, 0, false).apply(instance));
        WasmAbort exit = assertThrows(WasmAbort.class, () -> handle(WasmImport.proc_exit, 1, false).apply(instance, 3));
        assertTrue(exit.getMessage().contains("exit(3)"));
        WasmAbort async = assertThrows(WasmAbort.class, () -> handle(WasmImport.ippp_async, 3, true).apply(instance, 1, 2, 3));
        assertTrue(async.getMessage().contains("asynchronous relay ippp_async"), async.getMessage());
        wasm.free(cond);
        wasm.free(file);
        wasm.free(fn);
    }

    @Test
    void unusedFileSyscallsAnswerAnErrnoNeverSuccess() {
        assertEquals(-HostImports.ENOSYS, handle(WasmImport.__syscall_openat, 4, true).apply(instance, 0, 0, 0, 0)[0]);
        assertEquals(-HostImports.ENOSYS, handle(WasmImport.__syscall_unlinkat, 3, true).apply(instance, 0, 0, 0)[0]);
        assertEquals(HostImports.EBADF, handle(WasmImport.fd_read, 4, true).apply(instance, 5, 0, 0, 0)[0]);
        assertEquals(HostImports.EBADF, handle(WasmImport.fd_close, 1, true).apply(instance, 5)[0]);
    }

    @Test
    void stdoutWritesReachTheConfiguredStream() {
        byte[] text = "hello from C\n".getBytes(StandardCharsets.UTF_8);
        int buf = wasm.bytes(text);
        int iov = wasm.malloc(12);
        wasm.memory.writeI32(iov, buf);
        wasm.memory.writeI32(iov + 4, text.length);
        assertEquals(0, handle(WasmImport.fd_write, 4, true).apply(instance, 1, iov, 1, iov + 8)[0]);
        assertEquals(text.length, wasm.memory.readInt(iov + 8));
        assertEquals("hello from C\n", stdout.toString(StandardCharsets.UTF_8));
        assertEquals(HostImports.EBADF, handle(WasmImport.fd_write, 4, true).apply(instance, 7, iov, 1, iov + 8)[0]);
        wasm.free(iov);
        wasm.free(buf);
    }

    @Test
    void localtimeAndTimezoneFollowTheClocksZone() {
        int tm = wasm.malloc(64);
        long t = Instant.parse("2024-07-01T12:00:00Z").getEpochSecond();
        handle(WasmImport._localtime_js, 3, false).apply(instance, t & 0xffffffffL, t >>> 32, tm);
        Memory m = wasm.memory;
        // 14:00:00 CEST (UTC+2, daylight saving) on Monday 2024-07-01, day 182 of the year
        assertEquals(List.of(0, 0, 14, 1, 6, 124, 1, 182, 1, 7200),
            List.of(m.readInt(tm), m.readInt(tm + 4), m.readInt(tm + 8), m.readInt(tm + 12), m.readInt(tm + 16),
                m.readInt(tm + 20), m.readInt(tm + 24), m.readInt(tm + 28), m.readInt(tm + 32), m.readInt(tm + 36)));
        int out = wasm.malloc(48);
        handle(WasmImport._tzset_js, 4, false).apply(instance, out, out + 4, out + 8, out + 28);
        assertEquals(-3600, m.readInt(out), "standard time is one hour east of UTC");
        assertEquals(1, m.readInt(out + 4));
        assertEquals("UTC+0100", wasm.readCString(out + 8));
        assertEquals("UTC+0200", wasm.readCString(out + 28));
        wasm.free(out);
        wasm.free(tm);
    }

    @Test
    void relayWithAnUnknownKeyIsAClearError() {
        SqliteModule module = SqliteModule.load(SqliteModule.Options.defaults().withEntropy(new Random(1)));
        assertEquals(0, module.registerVfs("m", new MemoryVfs(), true));
        Relay relay = new Relay();
        WasmAbort e = assertThrows(WasmAbort.class, () -> relay.dispatch("ipp", true, new long[] {12345, 0}));
        assertTrue(e.getMessage().contains("key 12345"), e.getMessage());
    }
}
