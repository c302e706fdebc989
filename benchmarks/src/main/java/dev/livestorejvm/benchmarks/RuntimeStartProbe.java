package dev.livestorejvm.benchmarks;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;

/**
 * Where {@code sql "select 1"}'s SQLite part of a fresh JVM goes (issue 21): the default runtime
 * built, {@code :memory:} opened, {@code select 1} prepared and stepped, everything closed. Run it
 * on the cli's jar so that its start-up archive applies (the archive takes a class path that
 * starts with the one it was made on):
 * <pre>
 * java -XX:SharedArchiveFile=cli/target/livestore-jvm-*.jsa -Xshare:on \
 *   -cp cli/target/livestore-jvm.jar:benchmarks/target/classes \
 *   dev.livestorejvm.benchmarks.RuntimeStartProbe $(date +%s%N)
 * </pre>
 * The argument, the shell's clock just before it started the JVM (ns since the epoch), gives the
 * JVM's own start to {@code main}; the driver's whole-process wall time minus the printed total is
 * the JVM's exit. Prints one line of milliseconds.
 */
public final class RuntimeStartProbe {
    private RuntimeStartProbe() {}

    public static void main(String[] args) {
        long mainWall = System.currentTimeMillis() * 1_000_000L;
        long t0 = System.nanoTime();
        long launched = args.length > 0 ? Long.parseLong(args[0]) : mainWall;
        long built;
        long opened;
        long prepared;
        long stepped;
        long closed;
        try (SqliteRuntime runtime = SqliteRuntime.builder().build()) {
            built = System.nanoTime();
            try (Database db = runtime.open(":memory:")) {
                opened = System.nanoTime();
                try (Statement st = db.prepare("select 1")) {
                    prepared = System.nanoTime();
                    if (!st.step() || st.getLong(0) != 1) throw new AssertionError("select 1 did not give 1");
                    stepped = System.nanoTime();
                }
            }
        }
        closed = System.nanoTime();
        System.out.printf("launch->main %d, runtime %d, open %d, prepare %d, step %d, close %d, main->end %d%n",
            ms(mainWall - launched), ms(built - t0), ms(opened - built), ms(prepared - opened),
            ms(stepped - prepared), ms(closed - stepped), ms(closed - t0));
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
