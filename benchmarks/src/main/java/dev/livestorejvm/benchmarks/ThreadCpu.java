package dev.livestorejvm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds of this process's live threads by name, from {@code /proc/self/task} (Linux; elsewhere,
 * or if it cannot be read, an empty string): where a fresh JVM's time went, e.g. {@code main=3.20
 * C2=2.90 livestore-leade=2.05 C1=1.46} (Linux keeps 15 characters of a name). Numbered names
 * (compiler and GC threads) are summed under their stem; threads that ended are not counted.
 */
final class ThreadCpu {
    private static final double TICKS_PER_SECOND = 100;   // USER_HZ: 100 on every Linux the JVM runs on

    private ThreadCpu() {}

    static String summary() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) return "";
        Map<String, Double> byName = new TreeMap<>();
        try (var dirs = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) dirs::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                // pid (comm) state ... : comm may hold spaces and parentheses, so split after the last ')'
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;   // utime, stime
                String name = comm.equals("java") ? "main" : comm.replaceAll(" ?CompilerThre.*|[ #]*[0-9]+$", "");
                byName.merge(name, cpu, Double::sum);
            }
        } catch (IOException e) {
            return "";
        }
        StringBuilder sb = new StringBuilder("thread CPU s:");
        byName.entrySet().stream().filter(e -> e.getValue() >= 0.05).sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
            .forEach(e -> sb.append(String.format(" %s=%.2f", e.getKey(), e.getValue())));
        return sb.toString();
    }
}
