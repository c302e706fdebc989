package dev.livestorejvm.wasm;

import static dev.livestorejvm.vfs.ResultCodes.*;

import com.dylibso.chicory.runtime.Memory;
import dev.livestorejvm.vfs.FileBatchAtomicWrite;
import dev.livestorejvm.vfs.FileChunkSize;
import dev.livestorejvm.vfs.FileCommitPhaseTwo;
import dev.livestorejvm.vfs.FileHasMoved;
import dev.livestorejvm.vfs.FileLockState;
import dev.livestorejvm.vfs.FilePersistWal;
import dev.livestorejvm.vfs.FilePowersafeOverwrite;
import dev.livestorejvm.vfs.FileSizeHint;
import dev.livestorejvm.vfs.LockLevel;
import dev.livestorejvm.vfs.Vfs;
import dev.livestorejvm.vfs.VfsException;
import dev.livestorejvm.vfs.VfsFile;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Adapts a Java {@link Vfs} to the binary's relayed VFS ({@code libvfs.c}): pointers become Java
 * values, {@link VfsException}s become result codes. Files are known by their {@code sqlite3_file*}.
 * Randomness, sleep and the clock are served here for every VFS, so that the default VFS gives
 * SQLite real entropy ({@code xRandomness}) and the runtime's clock.
 */
final class VfsRelay implements RelayTarget {
    /** The methods libvfs.c may relay, in the bit order of its method mask. */
    static final String[] METHODS = {"xOpen", "xDelete", "xAccess", "xFullPathname", "xRandomness", "xSleep",
        "xCurrentTime", "xGetLastError", "xCurrentTimeInt64", "xClose", "xRead", "xWrite", "xTruncate", "xSync",
        "xFileSize", "xLock", "xUnlock", "xCheckReservedLock", "xFileControl", "xSectorSize",
        "xDeviceCharacteristics", "xShmMap", "xShmLock", "xShmBarrier", "xShmUnmap"};
    /** Everything but the four xShm methods: no shared memory, so WAL needs exclusive locking mode. */
    static final int METHOD_MASK = (1 << 21) - 1;

    // SQLITE_FCNTL_* opcodes served through capability interfaces
    static final int FCNTL_LOCKSTATE = 1;
    static final int FCNTL_SIZE_HINT = 5;
    static final int FCNTL_CHUNK_SIZE = 6;
    static final int FCNTL_PERSIST_WAL = 10;
    static final int FCNTL_POWERSAFE_OVERWRITE = 13;
    static final int FCNTL_HAS_MOVED = 20;
    static final int FCNTL_COMMIT_PHASETWO = 22;
    static final int FCNTL_BEGIN_ATOMIC_WRITE = 31;
    static final int FCNTL_COMMIT_ATOMIC_WRITE = 32;
    static final int FCNTL_ROLLBACK_ATOMIC_WRITE = 33;

    private static final long UNIX_EPOCH_JULIAN_MS = 24405875L * 8640000L;

    final String name;
    final Vfs vfs;
    private final WasmInstance wasm;
    private final Clock clock;
    private final Random entropy;
    private final IntConsumer sleeper;
    private final Map<Integer, VfsFile> files = new HashMap<>();
    private byte[] buffer = new byte[8192];

    VfsRelay(String name, Vfs vfs, WasmInstance wasm, Clock clock, Random entropy, IntConsumer sleeper) {
        this.name = name;
        this.vfs = vfs;
        this.wasm = wasm;
        this.clock = clock;
        this.entropy = entropy;
        this.sleeper = sleeper;
    }

    /**
     * Closes every file still open through this VFS (their locks and descriptors go with them):
     * for a module that stopped mid-call, whose SQLite will never close them. Returns how many.
     */
    int closeAll() {
        int n = 0;
        for (VfsFile f : files.values()) {
            try {
                f.close();
                n++;
            } catch (VfsException | RuntimeException e) {
                // the next file still gets its chance; a descriptor that cannot close is the OS's problem now
            }
        }
        files.clear();
        return n;
    }

    @Override
    public boolean hasMethods() {
        return true;
    }

    @Override
    public int invoke(String method, long[] a, int i) {
        Memory m = wasm.memory;
        try {
            switch (method) {
                case "xOpen": return open(wasm.readCString((int) a[i + 1]), (int) a[i + 2], (int) a[i + 3], (int) a[i + 4]);
                case "xDelete": vfs.delete(wasm.readCString((int) a[i + 1]), a[i + 2] != 0); return SQLITE_OK;
                case "xAccess":
                    m.writeI32((int) a[i + 3], vfs.access(wasm.readCString((int) a[i + 1]), (int) a[i + 2]) ? 1 : 0);
                    return SQLITE_OK;
                case "xFullPathname": return fullPathname(wasm.readCString((int) a[i + 1]), (int) a[i + 2], (int) a[i + 3]);
                case "xRandomness": return randomness((int) a[i + 1], (int) a[i + 2]);
                case "xSleep": return sleep((int) a[i + 1]);
                case "xCurrentTime":
                    m.writeF64((int) a[i + 1], (UNIX_EPOCH_JULIAN_MS + clock.millis()) / 86400000.0);
                    return SQLITE_OK;
                case "xCurrentTimeInt64":
                    m.writeLong((int) a[i + 1], UNIX_EPOCH_JULIAN_MS + clock.millis());
                    return SQLITE_OK;
                case "xGetLastError":
                    if (a[i + 1] > 0) m.writeByte((int) a[i + 2], (byte) 0);
                    return SQLITE_OK;
                default: return fileMethod(method, (int) a[i], a, i + 1);
            }
        } catch (VfsException e) {
            return e.code();
        } catch (RuntimeException e) {
            return SQLITE_IOERR;
        }
    }

    private int fileMethod(String method, int pFile, long[] a, int i) throws VfsException {
        if (method.equals("xClose")) {
            VfsFile f = files.remove(pFile);
            if (f != null) f.close();   // SQLite may close a file whose xOpen failed: nothing to do then
            return SQLITE_OK;
        }
        VfsFile f = files.get(pFile);
        if (f == null) return SQLITE_MISUSE;
        Memory m = wasm.memory;
        switch (method) {
            case "xRead": return read(f, (int) a[i], (int) a[i + 1], WasmInstance.joinI64(a[i + 2], a[i + 3]));
            case "xWrite": return write(f, (int) a[i], (int) a[i + 1], WasmInstance.joinI64(a[i + 2], a[i + 3]));
            case "xTruncate": f.truncate(WasmInstance.joinI64(a[i], a[i + 1])); return SQLITE_OK;
            case "xSync": f.sync((int) a[i]); return SQLITE_OK;
            case "xFileSize": m.writeLong((int) a[i], f.size()); return SQLITE_OK;
            case "xLock": f.lock(LockLevel.of((int) a[i])); return SQLITE_OK;
            case "xUnlock": f.unlock(LockLevel.of((int) a[i])); return SQLITE_OK;
            case "xCheckReservedLock": m.writeI32((int) a[i], f.checkReservedLock() ? 1 : 0); return SQLITE_OK;
            case "xFileControl": return fileControl(f, (int) a[i], (int) a[i + 1]);
            case "xSectorSize": return f.sectorSize();
            case "xDeviceCharacteristics": return f.deviceCharacteristics();
            default: return SQLITE_MISUSE;
        }
    }

    private int open(String fileName, int pFile, int flags, int pOutFlags) throws VfsException {
        VfsFile f = vfs.open(fileName, flags);
        files.put(pFile, f);
        if (pOutFlags != 0) wasm.memory.writeI32(pOutFlags, f.openedFlags());
        return SQLITE_OK;
    }

    private int fullPathname(String fileName, int nOut, int zOut) throws VfsException {
        byte[] full = vfs.fullPathname(fileName).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (full.length + 1 > nOut) throw new VfsException(SQLITE_CANTOPEN_FULLPATH, "path longer than " + (nOut - 1) + " bytes: " + fileName);
        wasm.memory.write(zOut, full);
        wasm.memory.writeByte(zOut + full.length, (byte) 0);
        return SQLITE_OK;
    }

    private int read(VfsFile f, int pData, int amount, long offset) throws VfsException {
        byte[] buf = buffer(amount);
        int n = f.read(ByteBuffer.wrap(buf, 0, amount), offset);
        if (n > 0) wasm.memory.write(pData, buf, 0, n);
        if (n < amount) {
            wasm.memory.fill((byte) 0, pData + Math.max(n, 0), pData + amount);   // SQLite requires the zero fill
            return SQLITE_IOERR_SHORT_READ;
        }
        return SQLITE_OK;
    }

    private int write(VfsFile f, int pData, int amount, long offset) throws VfsException {
        f.write(ByteBuffer.wrap(wasm.memory.readBytes(pData, amount)), offset);
        return SQLITE_OK;
    }

    private byte[] buffer(int size) {
        if (buffer.length < size) buffer = new byte[Math.max(size, buffer.length * 2)];
        return buffer;
    }

    private int randomness(int n, int zBuf) {
        byte[] bytes = new byte[n];
        entropy.nextBytes(bytes);
        wasm.memory.write(zBuf, bytes);
        return n;
    }

    private int sleep(int micros) {
        sleeper.accept(micros);
        return micros;
    }

    private int fileControl(VfsFile f, int op, int pArg) throws VfsException {
        Memory m = wasm.memory;
        switch (op) {
            case FCNTL_LOCKSTATE:
                if (!(f instanceof FileLockState)) break;
                m.writeI32(pArg, ((FileLockState) f).lockState().ordinal());
                return SQLITE_OK;
            case FCNTL_SIZE_HINT:
                if (!(f instanceof FileSizeHint)) break;
                ((FileSizeHint) f).sizeHint(m.readLong(pArg));
                return SQLITE_OK;
            case FCNTL_CHUNK_SIZE:
                if (!(f instanceof FileChunkSize)) break;
                ((FileChunkSize) f).chunkSize(m.readInt(pArg));
                return SQLITE_OK;
            case FCNTL_PERSIST_WAL:
                if (!(f instanceof FilePersistWal)) break;
                FilePersistWal pw = (FilePersistWal) f;
                int want = m.readInt(pArg);
                if (want >= 0) pw.persistWal(want != 0); else m.writeI32(pArg, pw.persistWal() ? 1 : 0);
                return SQLITE_OK;
            case FCNTL_POWERSAFE_OVERWRITE:
                if (!(f instanceof FilePowersafeOverwrite)) break;
                FilePowersafeOverwrite po = (FilePowersafeOverwrite) f;
                int psow = m.readInt(pArg);
                if (psow >= 0) po.powersafeOverwrite(psow != 0); else m.writeI32(pArg, po.powersafeOverwrite() ? 1 : 0);
                return SQLITE_OK;
            case FCNTL_HAS_MOVED:
                if (!(f instanceof FileHasMoved)) break;
                m.writeI32(pArg, ((FileHasMoved) f).hasMoved() ? 1 : 0);
                return SQLITE_OK;
            case FCNTL_COMMIT_PHASETWO:
                if (!(f instanceof FileCommitPhaseTwo)) break;
                ((FileCommitPhaseTwo) f).commitPhaseTwo();
                return SQLITE_OK;
            case FCNTL_BEGIN_ATOMIC_WRITE:
            case FCNTL_COMMIT_ATOMIC_WRITE:
            case FCNTL_ROLLBACK_ATOMIC_WRITE:
                if (!(f instanceof FileBatchAtomicWrite)) break;
                FileBatchAtomicWrite b = (FileBatchAtomicWrite) f;
                if (op == FCNTL_BEGIN_ATOMIC_WRITE) b.beginAtomicWrite();
                else if (op == FCNTL_COMMIT_ATOMIC_WRITE) b.commitAtomicWrite();
                else b.rollbackAtomicWrite();
                return SQLITE_OK;
            default:
                break;
        }
        return SQLITE_NOTFOUND;
    }
}
