package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.vfs.MemoryVfs;
import dev.livestorejvm.vfs.Vfs;
import dev.livestorejvm.vfs.VfsException;
import dev.livestorejvm.vfs.VfsFile;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A 1,000,000-row sort spills to temp files (TEMP_STORE=1 in this build), served by the default Java VFS. */
class LargeSortTest {
    /** The default VFS, counting the temp files SQLite opens through it. */
    static final class CountingVfs implements Vfs {
        final MemoryVfs delegate = new MemoryVfs();
        final AtomicInteger tempOpens = new AtomicInteger();

        @Override
        public VfsFile open(String name, int flags) throws VfsException {
            if (name == null) tempOpens.incrementAndGet();
            return delegate.open(name, flags);
        }

        @Override
        public void delete(String name, boolean syncDir) throws VfsException {
            delegate.delete(name, syncDir);
        }

        @Override
        public boolean access(String name, int flags) throws VfsException {
            return delegate.access(name, flags);
        }
    }

    @Test
    void millionRowSortSpillsToTempFiles() {
        CountingVfs vfs = new CountingVfs();
        try (SqliteRuntime rt = SqliteRuntime.create()) {
            rt.registerVfs("counting", vfs, true);
            try (Database db = rt.open(":memory:")) {
                db.exec("pragma cache_size = 200");   // ~800 KiB of page cache: the sorter must spill
                int n = 1_000_000;
                String sql = "with recursive c(x) as (select 1 union all select x + 1 from c where x < " + n + ") "
                    + "select (x * 7919) % 1000003 as k, printf('%040d', x) as pad from c order by k";
                long count = 0;
                long previous = -1;
                long sum = 0;
                try (Statement st = db.prepare(sql)) {
                    while (st.step()) {
                        long k = st.getLong(0);
                        if (k <= previous) fail("not sorted at row " + count + ": " + k + " after " + previous);
                        previous = k;
                        sum += k;
                        count++;
                    }
                }
                assertEquals(n, count);
                long expected = 0;
                for (long x = 1; x <= n; x++) expected += (x * 7919) % 1000003;
                assertEquals(expected, sum);
                assertTrue(vfs.tempOpens.get() > 0, "the sort opened temp files through the Java VFS");
            }
        }
    }
}
