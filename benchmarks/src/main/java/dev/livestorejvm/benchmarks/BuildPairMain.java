package dev.livestorejvm.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One W1 phase on this engine as built by two builds, interleaved in one JVM:
 * {@code java -cp benchmarks.jar dev.livestorejvm.benchmarks.BuildPairMain likeScan a/benchmarks.jar
 * b/benchmarks.jar [operations]}. Each jar (a benchmarks jar, as {@code mvn package} makes it) gets a
 * class loader of its own, so both builds' classes, generated ones included, live side by side. For
 * A/B tests of a change to the build on a machine whose speed drifts: two JVMs run one after the
 * other would each see different moments.
 */
public final class BuildPairMain {
    private BuildPairMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BuildPairMain <insert|pointSelect|likeScan|update> <benchmarks.jar A> <benchmarks.jar B> [operations=600]");
            System.exit(2);
        }
        W1PairMain.Phase phase = W1PairMain.phase(args[0]);
        int ops = args.length > 3 ? Integer.parseInt(args[3]) : 600;
        int rows = W1Target.rows("livestore");
        try (W1Target a = BuildTarget.open(Paths.get(args[1])); W1Target b = BuildTarget.open(Paths.get(args[2]))) {
            W1PairMain.interleave(phase, "A " + args[1], a, rows, "B " + args[2], b, rows, ops);
        }
    }

    /** This engine's W1Target from another build's jar, called through reflection. */
    private static final class BuildTarget implements W1Target {
        private final Object target;
        private final Class<?> type;

        private BuildTarget(Object target, Class<?> type) {
            this.target = target;
            this.type = type;
        }

        static BuildTarget open(Path jar) throws Exception {
            if (!Files.isRegularFile(jar)) throw new IllegalArgumentException("no such jar: " + jar);
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> type = Class.forName(W1Target.class.getName(), true, loader);
            Method open = type.getDeclaredMethod("open", String.class);
            open.setAccessible(true);
            return new BuildTarget(open.invoke(null, "livestore"), type);
        }

        private Object call(String name, Class<?>[] types, Object... args) throws Exception {
            Method m = type.getDeclaredMethod(name, types);
            m.setAccessible(true);
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
        }

        @Override
        public void reset() throws Exception {
            call("reset", new Class<?>[0]);
        }

        @Override
        public void insert(int n) throws Exception {
            call("insert", new Class<?>[] {int.class}, n);
        }

        @Override
        public long pointSelects(int n) throws Exception {
            return (Long) call("pointSelects", new Class<?>[] {int.class}, n);
        }

        @Override
        public long likeScan() throws Exception {
            return (Long) call("likeScan", new Class<?>[0]);
        }

        @Override
        public void update(int n, int round) throws Exception {
            call("update", new Class<?>[] {int.class, int.class}, n, round);
        }

        @Override
        public void close() throws Exception {
            call("close", new Class<?>[0]);
        }
    }
}
