package dev.livestorejvm.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary's 71 imports (module "a"). The ones SQLite needs are served for real: clock, local
 * time and time zone, heap growth, stdout/stderr, fatal exits as {@link WasmAbort}. The file
 * syscalls of Emscripten's own file system are never reached through our VFSes and answer
 * ENOSYS/EBADF, never a pretended success. Relays go to the {@link Relay}.
 */
final class HostImports {
    // errno values of Emscripten's libc (musl, WASI numbering), not Linux's
    static final int EBADF = 8;
    static final int ENOSYS = 52;

    private final Relay relay;
    private final Clock clock;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final long nanoStart = System.nanoTime();

    HostImports(Relay relay, Clock clock, PrintStream stdout, PrintStream stderr) {
        this.relay = relay;
        this.clock = clock;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** One host function per import of {@code module}; its type is read from the module itself. */
    List<HostFunction> functions(WasmModule module, WasmBinary binary) {
        Map<String, WasmImport> byMinified = new HashMap<>();
        for (WasmImport i : WasmImport.values()) {
            if (i.minifiedName(binary) != null) byMinified.put(i.minifiedName(binary), i);
        }
        List<HostFunction> out = new ArrayList<>();
        for (int n = 0; n < module.importSection().importCount(); n++) {
            Import imp = module.importSection().getImport(n);
            if (!(imp instanceof FunctionImport)) continue;
            WasmImport which = byMinified.get(imp.name());
            if (which == null) throw new IllegalStateException("import " + imp.module() + "." + imp.name() + " is not named in the glue");
            FunctionType type = module.typeSection().getType(((FunctionImport) imp).typeIndex());
            out.add(new HostFunction(imp.module(), imp.name(), type, handle(which, type)));
        }
        return out;
    }

    /** What an import does; one {@link Served} class runs them all (a lambda each cost a class spun at start-up). */
    private enum Kind {
        RELAY, ASYNC_RELAY, NO_SYSCALL, ASSERT_FAIL, ABORT, EXIT, NOTHING, LOCALTIME, TZSET, NO_SUCH_CALL,
        DATE_NOW, GET_NOW, RESIZE_HEAP, ENVIRON_SIZES, ZERO, FD_WRITE, BAD_FD
    }

    WasmFunctionHandle handle(WasmImport which, FunctionType type) {
        String name = which.name();
        return new Served(kind(which, name, type), name, !type.returns().isEmpty());
    }

    private static Kind kind(WasmImport which, String name, FunctionType type) {
        if (isRelay(name, name.length())) return Kind.RELAY;
        if (name.endsWith("_async") && isRelay(name, name.length() - "_async".length())) return Kind.ASYNC_RELAY;
        if (name.startsWith("__syscall_")) return Kind.NO_SYSCALL;   // Emscripten's FS is not used: our VFSes serve files
        switch (which) {
            case __assert_fail: return Kind.ASSERT_FAIL;
            case _abort_js: return Kind.ABORT;
            case proc_exit: return Kind.EXIT;
            case _emscripten_runtime_keepalive_clear: return Kind.NOTHING;
            case _localtime_js: return Kind.LOCALTIME;
            case _tzset_js: return Kind.TZSET;
            case _mmap_js:
            case _munmap_js:
            case _setitimer_js:
                return Kind.NO_SUCH_CALL;
            case emscripten_date_now: return Kind.DATE_NOW;
            case emscripten_get_now: return Kind.GET_NOW;
            case emscripten_resize_heap: return Kind.RESIZE_HEAP;
            case environ_sizes_get: return Kind.ENVIRON_SIZES;
            case environ_get: return Kind.ZERO;
            case fd_write: return Kind.FD_WRITE;
            case fd_close:
            case fd_fdstat_get:
            case fd_read:
            case fd_seek:
            case fd_sync:
                return Kind.BAD_FD;
            default:
                throw new IllegalStateException("no host implementation for import " + name
                    + " (" + type + "): add one to HostImports");
        }
    }

    /** A relay's name, the first {@code end} chars: i or v, then p, then any of p, i, j (e.g. {@code ippp}, {@code vppippii}). */
    static boolean isRelay(String name, int end) {
        if (end < 2 || (name.charAt(0) != 'i' && name.charAt(0) != 'v') || name.charAt(1) != 'p') return false;
        for (int i = 2; i < end; i++) {
            char c = name.charAt(i);
            if (c != 'p' && c != 'i' && c != 'j') return false;
        }
        return true;
    }

    private final class Served implements WasmFunctionHandle {
        private final Kind kind;
        private final String name;
        private final boolean returnsInt;

        Served(Kind kind, String name, boolean returnsInt) {
            this.kind = kind;
            this.name = name;
            this.returnsInt = returnsInt;
        }

        @Override
        public long[] apply(Instance inst, long... args) {
            switch (kind) {
                case RELAY:
                    return relay.dispatch(name, returnsInt, args);
                case ASYNC_RELAY:
                    throw new WasmAbort("asynchronous relay " + name + " reached: the synchronous build cannot suspend");
                case NO_SYSCALL:
                case NO_SUCH_CALL:
                    return i32(-ENOSYS);
                case ASSERT_FAIL: {
                    Memory m = inst.memory();
                    throw new WasmAbort("Assertion failed: " + cstr(m, args[0]) + ", at: " + cstr(m, args[1])
                        + ":" + args[2] + " " + cstr(m, args[3]));
                }
                case ABORT:
                    throw new WasmAbort("abort() called in the SQLite module");
                case EXIT:
                    // doubles as the relay of void(*)(void*) callbacks placed in the table (see RelaySlots)
                    if (relay.has((int) args[0])) return relay.dispatch(name, false, args);
                    throw new WasmAbort("exit(" + args[0] + ") called in the SQLite module");
                case NOTHING:
                    return null;
                case LOCALTIME:
                    localtime(inst.memory(), WasmInstance.joinI64(args[0], args[1]), (int) args[2]);
                    return null;
                case TZSET:
                    tzset(inst.memory(), (int) args[0], (int) args[1], (int) args[2], (int) args[3]);
                    return null;
                case DATE_NOW:
                    return f64(clock.millis());
                case GET_NOW:
                    return f64((System.nanoTime() - nanoStart) / 1e6);
                case RESIZE_HEAP:
                    return i32(resizeHeap(inst.memory(), args[0] & 0xffffffffL) ? 1 : 0);
                case ENVIRON_SIZES:
                    inst.memory().writeI32((int) args[0], 0);   // an empty environment
                    inst.memory().writeI32((int) args[1], 0);
                    return i32(0);
                case ZERO:
                    return i32(0);
                case FD_WRITE:
                    return i32(fdWrite(inst.memory(), (int) args[0], (int) args[1], (int) args[2], (int) args[3]));
                case BAD_FD:
                    return i32(EBADF);
                default:
                    throw new AssertionError(kind);
            }
        }
    }

    private int fdWrite(Memory m, int fd, int iov, int iovcnt, int pnum) {
        PrintStream out = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (out == null) return EBADF;
        int total = 0;
        for (int i = 0; i < iovcnt; i++) {
            int ptr = m.readInt(iov + i * 8);
            int len = m.readInt(iov + i * 8 + 4);
            out.write(m.readBytes(ptr, len), 0, len);
            total += len;
        }
        out.flush();
        m.writeI32(pnum, total);
        return 0;
    }

    /** Emscripten's policy: grow to at least the request, over-grow by up to 20%, align to 64 KiB. */
    private static boolean resizeHeap(Memory m, long requested) {
        long old = (long) m.pages() * Memory.PAGE_SIZE;
        long max = (long) m.maximumPages() * Memory.PAGE_SIZE;
        if (requested > max) return false;
        for (int cutDown = 1; cutDown <= 4; cutDown *= 2) {
            long over = (long) Math.min(old * (1 + 0.2 / cutDown), requested + 100663296L);
            long size = Math.min(max, align(Math.max(requested, over), 65536));
            int pages = (int) ((size - old + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE);
            try {
                if (pages <= 0 || m.grow(pages) >= 0) return true;
            } catch (OutOfMemoryError e) {
                // try a smaller step; the JVM heap may not fit the over-grown size
            }
        }
        return false;
    }

    private static long align(long v, long to) {
        return (v + to - 1) / to * to;
    }

    /** struct tm as Emscripten lays it out: sec, min, hour, mday, mon, year-1900, wday, yday, isdst, gmtoff. */
    private void localtime(Memory m, long epochSeconds, int tm) {
        ZoneId zone = clock.getZone();
        ZonedDateTime t = Instant.ofEpochSecond(epochSeconds).atZone(zone);
        m.writeI32(tm, t.getSecond());
        m.writeI32(tm + 4, t.getMinute());
        m.writeI32(tm + 8, t.getHour());
        m.writeI32(tm + 12, t.getDayOfMonth());
        m.writeI32(tm + 16, t.getMonthValue() - 1);
        m.writeI32(tm + 20, t.getYear() - 1900);
        m.writeI32(tm + 24, t.getDayOfWeek().getValue() % 7);
        m.writeI32(tm + 28, t.getDayOfYear() - 1);
        m.writeI32(tm + 32, zone.getRules().isDaylightSavings(t.toInstant()) ? 1 : 0);
        m.writeI32(tm + 36, t.getOffset().getTotalSeconds());
    }

    /** timezone (seconds west of UTC in standard time), daylight flag, and the two zone names. */
    private void tzset(Memory m, int timezone, int daylight, int stdName, int dstName) {
        ZoneId zone = clock.getZone();
        int year = ZonedDateTime.now(clock).getYear();
        int winter = offsetSeconds(zone, LocalDateTime.of(year, 1, 1, 0, 0));
        int summer = offsetSeconds(zone, LocalDateTime.of(year, 7, 1, 0, 0));
        m.writeI32(timezone, -Math.min(winter, summer));
        m.writeI32(daylight, winter != summer ? 1 : 0);
        String std = zoneName(Math.min(winter, summer));
        String dst = zoneName(Math.max(winter, summer));
        writeCString(m, stdName, std, 17);
        writeCString(m, dstName, dst, 17);
    }

    private static int offsetSeconds(ZoneId zone, LocalDateTime at) {
        ZoneOffset o = zone.getRules().getOffset(at);
        return o.getTotalSeconds();
    }

    private static String zoneName(int offsetSeconds) {
        int minutes = Math.abs(offsetSeconds) / 60;
        // as the glue names them: "UTC-0000" for UTC itself
        return String.format("UTC%s%02d%02d", offsetSeconds > 0 ? "+" : "-", minutes / 60, minutes % 60);
    }

    private static void writeCString(Memory m, int ptr, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, max - 1);
        m.write(ptr, b, 0, n);
        m.writeByte(ptr + n, (byte) 0);
    }

    private static String cstr(Memory m, long ptr) {
        return ptr == 0 ? "?" : m.readCString((int) ptr);
    }

    private static long[] i32(int v) {
        return new long[] {v};
    }

    private static long[] f64(double v) {
        return new long[] {Double.doubleToRawLongBits(v)};
    }
}
