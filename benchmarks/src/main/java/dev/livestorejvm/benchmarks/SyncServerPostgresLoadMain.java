package dev.livestorejvm.benchmarks;

import dev.livestorejvm.server.postgres.PostgresCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sync server's load figures ({@link SyncServerLoadMain}) on embedded SQLite and on PostgreSQL storage in
 * one run, with the ratio PostgreSQL / embedded: starts the tests' private PostgreSQL 16 (fsync on), then runs
 * {@code SyncServerLoadMain} in a fresh JVM per round and storage, alternating embedded and PostgreSQL so
 * that the machine's load falls on both alike, and prints each round and the medians.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.livestorejvm.benchmarks.SyncServerPostgresLoadMain [rounds=2]
 *   [-Devents=100000] [-Dsingles=2000] [-Dsubscribers=50] [-Dlatency.pushes=300] [-Dpg.connections=10]
 * </pre>
 */
public final class SyncServerPostgresLoadMain {
    /** A figure of SyncServerLoadMain's output: the line's start, and which number of the line to take. */
    private record Figure(String name, String linePrefix, Pattern number, boolean higherIsBetter) {}

    private static final Pattern FIRST = Pattern.compile("([\\d,.]+) (?:events|pushes)/s");
    private static final List<Figure> FIGURES = List.of(
        new Figure("batched pushes, 100/batch, sequential (events/s)", "batched pushes, 100/batch, sequential", FIRST, true),
        new Figure("batched pushes, 100/batch, 4 in flight (events/s)", "batched pushes, 100/batch, 4 in flight", FIRST, true),
        new Figure("catch-up read (s)", "catch-up read", Pattern.compile("events in ([\\d.]+) s"), false),
        new Figure("single-event pushes, one waiting client (/s)", "single-event pushes, one store:", FIRST, true),
        new Figure("single-event pushes, 32 in flight (/s)", "single-event pushes, one store, 32 in flight", FIRST, true),
        new Figure("single-event pushes, 10 stores parallel (/s)", "single-event pushes, 10 stores", FIRST, true),
        new Figure("push -> last of N subscribers p50 (ms)", "push -> last of", Pattern.compile("p50 ([\\d.]+) ms"), false),
        new Figure("push -> last of N subscribers p99 (ms)", "push -> last of", Pattern.compile("p99 ([\\d.]+) ms"), false));
    private static final long ROUND_TIMEOUT_MINUTES = 15;

    private SyncServerPostgresLoadMain() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        PostgresCluster cluster = PostgresCluster.shared();
        String connections = System.getProperty("pg.connections", "10");
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        results.put("embedded", new ArrayList<>());
        results.put("postgres", new ArrayList<>());
        for (int round = 1; round <= rounds; round++) {
            for (String kind : results.keySet()) {
                String url = kind.equals("embedded")
                    ? "sqlite:" + Files.createTempDirectory("sync-load-")
                    : "postgres:" + cluster.createDatabase("load") + "&maxConnections=" + connections;
                System.out.println("== round " + round + ", " + kind + " (load average " + loadAverage() + ")");
                results.get(kind).add(runOnce(url));
            }
        }
        System.out.println();
        System.out.println("medians of " + rounds + " round(s), load average now " + loadAverage());
        System.out.printf("%-52s %12s %12s %8s%n", "", "embedded", "postgres", "pg/emb");
        for (int i = 0; i < FIGURES.size(); i++) {
            double e = median(results.get("embedded"), i);
            double p = median(results.get("postgres"), i);
            System.out.printf("%-52s %12.2f %12.2f %8.2f%n", FIGURES.get(i).name(), e, p, p / e);
        }
    }

    /** One SyncServerLoadMain in a fresh JVM on this class path; its output echoed, its figures parsed. */
    private static double[] runOnce(String storageUrl) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dstorage=" + storageUrl);
        for (String p : List.of("events", "singles", "subscribers", "latency.pushes")) {
            if (System.getProperty(p) != null) command.add("-D" + p + "=" + System.getProperty(p));
        }
        command.add(SyncServerLoadMain.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        double[] figures = new double[FIGURES.size()];
        java.util.Arrays.fill(figures, Double.NaN);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("  " + line);
                for (int i = 0; i < FIGURES.size(); i++) {
                    Figure f = FIGURES.get(i);
                    Matcher m = f.number().matcher(line);
                    if (line.startsWith(f.linePrefix()) && m.find()) figures[i] = Double.parseDouble(m.group(1).replace(",", ""));
                }
            }
        }
        if (!child.waitFor(ROUND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IllegalStateException("SyncServerLoadMain on " + storageUrl + " did not finish in " + ROUND_TIMEOUT_MINUTES + " min");
        }
        if (child.exitValue() != 0) throw new IllegalStateException("SyncServerLoadMain on " + storageUrl + " exited with " + child.exitValue());
        return figures;
    }

    private static double median(List<double[]> rounds, int figure) {
        double[] v = rounds.stream().mapToDouble(r -> r[figure]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
