// Build step of module wasm (run by exec-maven-plugin as a single-file Java program, so that it
// needs nothing but the JDK and npm): fetch the pinned @livestore/wa-sqlite tarball with
// `npm pack`, verify it against its published integrity, extract the binaries, record their
// SHA-256, and generate the Java name tables from the Emscripten glue shipped beside them.
//
// Usage: java FetchWaSqlite.java <spec> <integrity> <workDir> <resourceDir> <sourceDir> <package>

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.*;
import java.util.regex.*;
import java.util.zip.GZIPInputStream;

public class FetchWaSqlite {
    /** The binaries this project loads, by variant: tarball path of the wasm and of its glue. */
    static final String[][] VARIANTS = {
        {"DEFAULT", "package/dist/wa-sqlite.wasm", "package/dist/wa-sqlite.mjs"},
        {"FTS5", "package/dist/fts5/wa-sqlite.wasm", "package/dist/fts5/wa-sqlite.mjs"},
    };

    public static void main(String[] args) throws Exception {
        if (args.length != 6) fail("usage: FetchWaSqlite <spec> <integrity> <workDir> <resourceDir> <sourceDir> <package>");
        String spec = args[0], integrity = args[1];
        Path work = Paths.get(args[2]), resources = Paths.get(args[3]), sources = Paths.get(args[4]);
        String pkg = args[5];
        Files.createDirectories(work);

        Path tarball = fetch(spec, integrity, work);
        Map<String, byte[]> entries = readTarGz(tarball);

        Path binDir = resources.resolve(pkg.replace('.', '/')).resolve("binary");
        Files.createDirectories(binDir);
        Properties info = new Properties();
        int at = spec.lastIndexOf('@');
        info.setProperty("package", spec.substring(0, at));
        info.setProperty("version", spec.substring(at + 1));
        info.setProperty("integrity", integrity);

        List<Map<String, String>> exportsByVariant = new ArrayList<>();
        List<Map<String, String>> importsByVariant = new ArrayList<>();
        for (String[] v : VARIANTS) {
            byte[] wasm = require(entries, v[1], tarball);
            String glue = new String(require(entries, v[2], tarball), StandardCharsets.UTF_8);
            String file = v[0].toLowerCase(Locale.ROOT) + ".wasm";
            Files.write(binDir.resolve(file), wasm);
            info.setProperty(v[0].toLowerCase(Locale.ROOT) + ".resource", file);
            info.setProperty(v[0].toLowerCase(Locale.ROOT) + ".source", v[1].substring("package/".length()));
            info.setProperty(v[0].toLowerCase(Locale.ROOT) + ".sha256", hex(MessageDigest.getInstance("SHA-256").digest(wasm)));
            exportsByVariant.add(parseExports(glue, v[2]));
            importsByVariant.add(parseImports(glue, v[2]));
        }
        // Written by hand rather than Properties.store: no timestamp, stable order, same bytes every build.
        StringBuilder props = new StringBuilder("# wa-sqlite binaries, verified at build time\n");
        new TreeMap<>(info).forEach((k, val) -> props.append(k).append('=').append(val).append('\n'));
        Files.writeString(binDir.resolve("binary.properties"), props.toString());

        Path srcDir = sources.resolve(pkg.replace('.', '/'));
        Files.createDirectories(srcDir);
        // Exports: only names every variant has, so that binding one that is missing anywhere fails to compile.
        writeEnum(srcDir.resolve("WasmExport.java"), pkg, "WasmExport",
            "Exports present in every wa-sqlite variant, named as in the Emscripten glue, with each variant's minified name.",
            exportsByVariant, false);
        // Imports: every name of any variant (null where a variant lacks it), since each must be served.
        writeEnum(srcDir.resolve("WasmImport.java"), pkg, "WasmImport",
            "Imports (module \"a\") of any wa-sqlite variant, named as in the Emscripten glue, with each variant's minified name (null if absent).",
            importsByVariant, true);
        System.out.println("[wa-sqlite] " + spec + " verified (" + integrity.substring(0, 20) + "...), "
            + exportsByVariant.get(0).size() + " exports, " + importsByVariant.get(0).size() + " imports");
    }

    /** Runs npm pack unless a verified tarball is already in the work directory. */
    static Path fetch(String spec, String integrity, Path work) throws Exception {
        String base = spec.substring(0, spec.lastIndexOf('@')).replace("@", "").replace('/', '-');
        Path tarball = work.resolve(base + "-" + spec.substring(spec.lastIndexOf('@') + 1) + ".tgz");
        if (Files.exists(tarball) && integrityOf(tarball).equals(integrity)) return tarball;

        String npm = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win") ? "npm.cmd" : "npm";
        List<String> cmd = List.of(npm, "pack", spec, "--pack-destination", work.toAbsolutePath().toString(),
            "--ignore-scripts", "--silent");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("npm is not available (" + e.getMessage() + "). The build fetches the SQLite binary with "
                + "`npm pack " + spec + "`: install Node.js and npm, then build again.");
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail("`npm pack " + spec + "` failed (exit " + p.exitValue() + "):\n" + out);
        if (!Files.exists(tarball)) fail("`npm pack " + spec + "` did not produce " + tarball + ":\n" + out);
        String actual = integrityOf(tarball);
        if (!actual.equals(integrity)) {
            Files.delete(tarball);
            fail("integrity mismatch for " + spec + ":\n  expected " + integrity + "\n  actual   " + actual
                + "\nThe registry served different bytes than the pinned release; refusing to build with them.");
        }
        return tarball;
    }

    static String integrityOf(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) sha.update(buf, 0, n);
        }
        return "sha512-" + Base64.getEncoder().encodeToString(sha.digest());
    }

    /** Reads a gzipped ustar archive (npm's format) into memory: name to content. */
    static Map<String, byte[]> readTarGz(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
            byte[] header = new byte[512];
            String longName = null;
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (header[0] == 0) break;
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = Long.parseLong(cString(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                byte[] data = new byte[Math.toIntExact(size)];
                in.readFully(data);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'x') {  // pax header: may carry a long path for the next entry
                    Matcher m = Pattern.compile("\\d+ path=([^\n]*)\n").matcher(new String(data, StandardCharsets.UTF_8));
                    if (m.find()) longName = m.group(1);
                    continue;
                }
                if (longName != null) { name = longName; longName = null; }
                if (type == '0' || type == 0) entries.put(name, data);
            }
        }
        return entries;
    }

    static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    static byte[] require(Map<String, byte[]> entries, String name, Path tarball) {
        byte[] data = entries.get(name);
        if (data == null) fail(tarball + " has no " + name);
        return data;
    }

    /** {@code var wasmImports={a:___assert_fail,...}}: Emscripten name to minified import name. */
    static Map<String, String> parseImports(String glue, String where) {
        Matcher m = Pattern.compile("var wasmImports=\\{([^}]*)\\}").matcher(glue);
        if (!m.find()) fail(where + ": no `var wasmImports={...}` found; is this an Emscripten glue file?");
        Map<String, String> names = new TreeMap<>();
        for (String pair : m.group(1).split(",")) {
            String[] kv = pair.split(":");
            names.put(javaName(kv[1]), kv[0]);
        }
        return names;
    }

    /** {@code _sqlite3_open_v2=Module["_sqlite3_open_v2"]=wasmExports["eb"]}: name to minified export. */
    static Map<String, String> parseExports(String glue, String where) {
        Matcher body = Pattern.compile("function assignWasmExports\\(wasmExports\\)\\{([^}]*)\\}").matcher(glue);
        if (!body.find()) fail(where + ": no `function assignWasmExports(wasmExports){...}` found");
        Matcher m = Pattern.compile("([A-Za-z0-9_$]+)=(?:Module\\[\"[^\"]*\"\\]=)?wasmExports\\[\"([^\"]+)\"\\]").matcher(body.group(1));
        Map<String, String> names = new TreeMap<>();
        while (m.find()) names.put(javaName(m.group(1)), m.group(2));
        if (names.isEmpty()) fail(where + ": assignWasmExports names no export");
        // The constructors are not assigned a name: initRuntime() calls wasmExports["xx"]() directly.
        Matcher ctors = Pattern.compile("function initRuntime\\(\\)\\{[^}]*?wasmExports\\[\"([^\"]+)\"\\]\\(\\)").matcher(glue);
        if (!ctors.find()) fail(where + ": initRuntime() calls no constructor export");
        names.put("wasm_call_ctors", ctors.group(1));
        return names;
    }

    /** Emscripten prefixes C symbols with one underscore; drop it so names read as in C. */
    static String javaName(String emscriptenName) {
        String n = emscriptenName.startsWith("_") ? emscriptenName.substring(1) : emscriptenName;
        return n.equals("_") || n.isEmpty() ? emscriptenName : n;
    }

    /** One constant per name in every variant, or (union) in any variant. */
    static void writeEnum(Path file, String pkg, String type, String doc, List<Map<String, String>> byVariant,
                          boolean union) throws IOException {
        Set<String> common = new TreeSet<>(byVariant.get(0).keySet());
        for (Map<String, String> m : byVariant) {
            if (union) common.addAll(m.keySet()); else common.retainAll(m.keySet());
        }
        StringBuilder s = new StringBuilder();
        s.append("// Generated by wasm/src/build/java/FetchWaSqlite.java from the Emscripten glue. Do not edit.\n");
        s.append("package ").append(pkg).append(";\n\n");
        s.append("/** ").append(doc).append(" */\n");
        s.append("public enum ").append(type).append(" {\n");
        Iterator<String> it = common.iterator();
        while (it.hasNext()) {
            String name = it.next();
            s.append("    ").append(name).append("(");
            for (int i = 0; i < byVariant.size(); i++) {
                if (i > 0) s.append(", ");
                String minified = byVariant.get(i).get(name);
                s.append(minified == null ? "null" : '"' + minified + '"');
            }
            s.append(")").append(it.hasNext() ? ",\n" : ";\n");
        }
        s.append("\n    private final String[] minified;\n\n");
        s.append("    ").append(type).append("(String... minified) {\n        this.minified = minified;\n    }\n\n");
        s.append("    /** The minified name in the binary of the given variant (index of {@link WasmBinary}). */\n");
        s.append("    public String minifiedName(WasmBinary binary) {\n        return minified[binary.ordinal()];\n    }\n}\n");
        Files.writeString(file, s.toString());
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x));
        return s.toString();
    }

    static void fail(String message) {
        System.err.println("[wa-sqlite] ERROR: " + message);
        System.exit(1);
    }
}
