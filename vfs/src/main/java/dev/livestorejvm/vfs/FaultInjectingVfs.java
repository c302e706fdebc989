package dev.livestorejvm.vfs;

import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_WRITE;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A VFS for tests that wraps another and misbehaves on request: fail the Nth read, write, sync or
 * truncate with any result code ({@code SQLITE_IOERR_*}, {@code SQLITE_FULL}), tear a write, or
 * "lose power".
 *
 * <p>To model power loss, writes and truncates are held back per file name until that file is
 * synced (reads see them; the wrapped VFS does not). A crash then keeps a random part of what was
 * not synced (whole writes, dropped writes, and writes torn at 512-byte boundaries) or none of it,
 * and every later call fails as if the process were gone. Creating and deleting files is passed
 * through at once, as if directories were always synced.
 */
public final class FaultInjectingVfs implements Vfs {
    /** The operations faults can be aimed at. */
    public enum Op { READ, WRITE, SYNC, TRUNCATE }

    private final Vfs inner;
    private final Map<String, PendingWrites> pending = new HashMap<>();
    private final int[] counts = new int[Op.values().length];
    private Op faultOp;
    private int faultAt;           // fire when counts[faultOp] reaches this
    private int faultCode;
    private boolean faultCrashes;
    private int tearKeep = -1;
    private Random crashRandom;
    private boolean crashed;

    public FaultInjectingVfs(Vfs inner) {
        this.inner = inner;
    }

    /** The {@code n}-th {@code op} from now (1 = the next) fails with {@code code}; later ones succeed. */
    public synchronized FaultInjectingVfs failNth(Op op, int n, int code) {
        arm(op, n);
        faultCode = code;
        return this;
    }

    /** Power is lost just before the {@code n}-th {@code op} from now: unsynced data is partly kept, by {@code random}. */
    public synchronized FaultInjectingVfs crashAtNth(Op op, int n, Random random) {
        arm(op, n);
        faultCrashes = true;
        crashRandom = random;
        return this;
    }

    /**
     * The {@code n}-th write from now reaches the disk with only its first {@code keep} bytes (with
     * the earlier unsynced writes of that file); then power is lost and other files lose theirs.
     */
    public synchronized FaultInjectingVfs tearNthWrite(int n, int keep) {
        arm(Op.WRITE, n);
        faultCrashes = true;
        tearKeep = keep;
        return this;
    }

    /** Power is lost now: everything not yet synced is dropped. */
    public synchronized void crash() {
        crashNow(null);
    }

    public synchronized boolean crashed() {
        return crashed;
    }

    /** How many times {@code op} was attempted. */
    public synchronized int count(Op op) {
        return counts[op.ordinal()];
    }

    private void arm(Op op, int n) {
        if (n < 1) throw new IllegalArgumentException("n counts from 1: " + n);
        faultOp = op;
        faultAt = counts[op.ordinal()] + n;
        faultCode = 0;
        faultCrashes = false;
        tearKeep = -1;
        crashRandom = null;
    }

    /** Counts {@code op}; throws if it is the armed fault (after crashing, if so armed) or if power was lost. */
    synchronized void before(Op op, FaultFile file, ByteBuffer writeData, long writeOffset) throws VfsException {
        alive();
        int n = ++counts[op.ordinal()];
        if (op != faultOp || n != faultAt) return;
        faultOp = null;
        if (!faultCrashes) throw new VfsException(faultCode, "injected fault: " + op + " #" + n + " of " + file);
        if (tearKeep >= 0 && writeData != null) {
            ByteBuffer part = writeData.duplicate();
            part.limit(part.position() + Math.min(tearKeep, part.remaining()));
            file.pending.add(part, writeOffset);
            file.pending.flushTo(file.inner, null);
        }
        crashNow(crashRandom);
        throw new VfsException(op == Op.WRITE ? SQLITE_IOERR_WRITE : SQLITE_IOERR, "injected power loss at " + op + " #" + n + " of " + file);
    }

    synchronized void alive() throws VfsException {
        if (crashed) throw new VfsException(SQLITE_IOERR, "power was lost (injected)");
    }

    private void crashNow(Random keepSome) {
        crashed = true;
        for (PendingWrites p : pending.values()) p.crash(keepSome);
        pending.clear();
    }

    @Override
    public int maxPathname() {
        return inner.maxPathname();
    }

    @Override
    public synchronized VfsFile open(String name, int flags) throws VfsException {
        alive();
        VfsFile f = inner.open(name, flags);
        PendingWrites p = name == null ? new PendingWrites() : pending.computeIfAbsent(name, n -> new PendingWrites());
        return new FaultFile(this, f, p, name == null ? "temp file" : name);
    }

    @Override
    public synchronized void delete(String name, boolean syncDir) throws VfsException {
        alive();
        PendingWrites p = pending.remove(name);
        if (p != null) p.discard();
        inner.delete(name, syncDir);
    }

    @Override
    public synchronized boolean access(String name, int flags) throws VfsException {
        alive();
        PendingWrites p = pending.get(name);
        if (p != null && flags == AccessFlags.EXISTS && p.hasWrites()) return true;
        return inner.access(name, flags);
    }

    @Override
    public String fullPathname(String name) throws VfsException {
        return inner.fullPathname(name);
    }

    /** Writes and truncates of one file not yet synced; random crashes keep part of them. */
    static final class PendingWrites {
        private final java.util.List<Object[]> ops = new java.util.ArrayList<>();   // {byte[] data, Long offset} or {null, Long size}
        private VfsFile target;   // the last open handle, to write kept data through at a crash

        synchronized void add(ByteBuffer src, long offset) {
            byte[] b = new byte[src.remaining()];
            src.get(b);
            ops.add(new Object[] {b, offset});
        }

        synchronized void truncate(long size) {
            ops.add(new Object[] {null, size});
        }

        synchronized boolean hasWrites() {
            return !ops.isEmpty();
        }

        synchronized void use(VfsFile f) {
            target = f;
        }

        /** Reads through the wrapped file, then lays the pending operations over the result. */
        synchronized int read(VfsFile f, ByteBuffer dst, long offset) throws VfsException {
            int len = dst.remaining();
            byte[] buf = new byte[len];
            f.read(ByteBuffer.wrap(buf), offset);
            long size = f.size();
            for (Object[] op : ops) {
                long o = (Long) op[1];
                if (op[0] == null) {
                    for (long i = Math.max(o, offset); i < offset + len; i++) buf[(int) (i - offset)] = 0;
                    size = o;
                } else {
                    byte[] d = (byte[]) op[0];
                    long from = Math.max(o, offset), to = Math.min(o + d.length, offset + len);
                    for (long i = from; i < to; i++) buf[(int) (i - offset)] = d[(int) (i - o)];
                    size = Math.max(size, o + d.length);
                }
            }
            int n = (int) Math.max(0, Math.min(len, size - offset));
            dst.put(buf, 0, n);
            return n;
        }

        synchronized long size(VfsFile f) throws VfsException {
            long size = f.size();
            for (Object[] op : ops) {
                long o = (Long) op[1];
                size = op[0] == null ? o : Math.max(size, o + ((byte[]) op[0]).length);
            }
            return size;
        }

        /** Applies the pending operations, all of them ({@code keepSome} null) or a random part of them. */
        synchronized void flushTo(VfsFile f, Random keepSome) throws VfsException {
            for (Object[] op : ops) {
                long o = (Long) op[1];
                if (op[0] == null) {
                    if (keepSome == null || keepSome.nextBoolean()) f.truncate(o);
                    continue;
                }
                byte[] d = (byte[]) op[0];
                if (keepSome == null) {
                    f.write(ByteBuffer.wrap(d), o);
                    continue;
                }
                switch (keepSome.nextInt(3)) {
                    case 0: break;   // lost
                    case 1: f.write(ByteBuffer.wrap(d), o); break;
                    default:   // torn: some 512-byte sectors reach the disk, others do not
                        for (int s = 0; s < d.length; s += 512) {
                            if (keepSome.nextBoolean()) f.write(ByteBuffer.wrap(d, s, Math.min(512, d.length - s)), o + s);
                        }
                }
            }
            ops.clear();
        }

        synchronized void crash(Random keepSome) {
            try {
                if (keepSome != null && target != null) flushTo(target, keepSome);
            } catch (VfsException e) {
                // the disk failed too: keep what was written
            }
            ops.clear();
        }

        synchronized void discard() {
            ops.clear();
        }
    }

    /** A file of the wrapper: counts and fails operations, holds back unsynced writes. */
    static final class FaultFile implements VfsFile, FileLockState {
        final FaultInjectingVfs vfs;
        final VfsFile inner;
        final PendingWrites pending;
        private final String name;

        FaultFile(FaultInjectingVfs vfs, VfsFile inner, PendingWrites pending, String name) {
            this.vfs = vfs;
            this.inner = inner;
            this.pending = pending;
            this.name = name;
            pending.use(inner);
        }

        @Override
        public int openedFlags() {
            return inner.openedFlags();
        }

        @Override
        public int read(ByteBuffer dst, long offset) throws VfsException {
            vfs.before(Op.READ, this, null, 0);
            return pending.read(inner, dst, offset);
        }

        @Override
        public void write(ByteBuffer src, long offset) throws VfsException {
            vfs.before(Op.WRITE, this, src, offset);
            pending.add(src, offset);
        }

        @Override
        public void truncate(long size) throws VfsException {
            vfs.before(Op.TRUNCATE, this, null, 0);
            pending.truncate(size);
        }

        @Override
        public void sync(int flags) throws VfsException {
            vfs.before(Op.SYNC, this, null, 0);
            pending.flushTo(inner, null);
            inner.sync(flags);
        }

        @Override
        public long size() throws VfsException {
            vfs.alive();
            return pending.size(inner);
        }

        @Override
        public void lock(LockLevel level) throws VfsException {
            vfs.alive();
            inner.lock(level);
        }

        @Override
        public void unlock(LockLevel level) throws VfsException {
            inner.unlock(level);   // also after a crash: the dead process's locks go away
        }

        @Override
        public boolean checkReservedLock() throws VfsException {
            vfs.alive();
            return inner.checkReservedLock();
        }

        @Override
        public int sectorSize() {
            return inner.sectorSize();
        }

        @Override
        public int deviceCharacteristics() {
            // batch-atomic writes are not relayed through this wrapper: do not advertise them
            return inner.deviceCharacteristics() & ~DeviceCharacteristics.BATCH_ATOMIC;
        }

        @Override
        public LockLevel lockState() {
            return inner instanceof FileLockState ? ((FileLockState) inner).lockState() : LockLevel.NONE;
        }

        @Override
        public void close() throws VfsException {
            inner.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
