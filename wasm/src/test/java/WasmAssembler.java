import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small wasm modules for the build steps' unit tests, written in the flat (not folded) instruction
 * syntax of the WebAssembly text format with numeric indices and label depths only:
 * {@code local.get 0 i32.const 3 i32.add}, {@code block i32 ... end}, {@code br_table 0 1 2 0}
 * (the last depth is the default), {@code i32.load8_u offset=4}, {@code ;; comments}. A block type
 * is {@code i32}/{@code i64}/{@code f64} or {@code type=N} (multi-value). Only the instructions
 * the tests use are known; an unknown one fails with its name. No third-party tool: the one
 * published for Chicory 1.7.5 (wabt) does not resolve from Maven Central here.
 */
final class WasmAssembler {
    static final byte I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C;

    private final List<byte[]> types = new ArrayList<>();
    private final Map<String, Integer> typeIndex = new HashMap<>();
    private final List<Integer> funcTypes = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> globals = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private int memoryPages = -1;

    /** The index of the function type {@code params -> results} (e.g. "i32 i64", "i32"), added on first use. */
    int type(String params, String results) {
        return typeIndex.computeIfAbsent(params + "->" + results, k -> {
            Bytes t = new Bytes().b(0x60);
            valtypes(t, params);
            valtypes(t, results);
            types.add(t.toBytes());
            return types.size() - 1;
        });
    }

    /** A memory of {@code pages} pages (at most that many), exported as "memory". */
    WasmAssembler memory(int pages) {
        memoryPages = pages;
        exports.add(new Bytes().name("memory").b(2).u32(0).toBytes());
        return this;
    }

    /** A mutable i32 global starting at {@code value}; returns its index. */
    int global(int value) {
        globals.add(new Bytes().b(I32).b(1).b(0x41).s64(value).b(0x0B).toBytes());
        return globals.size() - 1;
    }

    /** Bytes at {@code offset} of memory 0. */
    WasmAssembler data(int offset, byte[] bytes) {
        data.add(new Bytes().u32(0).b(0x41).s64(offset).b(0x0B).u32(bytes.length).bytes(bytes).toBytes());
        return this;
    }

    /**
     * A function {@code params -> results} with extra {@code locals} (value types, space separated)
     * and the instructions {@code code} (without the final end); exported as {@code name} unless
     * null. Returns its index.
     */
    int func(String name, String params, String results, String locals, String code) {
        int index = funcTypes.size();
        funcTypes.add(type(params, results));
        Bytes body = new Bytes();
        String[] ls = locals.isBlank() ? new String[0] : locals.trim().split("\\s+");
        body.u32(ls.length);
        for (String l : ls) body.u32(1).b(valtype(l));
        body.bytes(code(code)).b(0x0B);
        bodies.add(body.toBytes());
        if (name != null) exports.add(new Bytes().name(name).b(0).u32(index).toBytes());
        return index;
    }

    byte[] toBytes() {
        Bytes m = new Bytes().bytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(m, 1, types);
        List<byte[]> fs = new ArrayList<>();
        for (int t : funcTypes) fs.add(new Bytes().u32(t).toBytes());
        section(m, 3, fs);
        if (memoryPages >= 0) section(m, 5, List.of(new Bytes().b(1).u32(memoryPages).u32(memoryPages).toBytes()));
        section(m, 6, globals);
        section(m, 7, exports);
        section(m, 10, bodies.stream().map(b -> new Bytes().u32(b.length).bytes(b).toBytes()).toList());
        section(m, 11, data);
        return m.toBytes();
    }

    private static void section(Bytes m, int id, List<byte[]> entries) {
        if (entries.isEmpty()) return;
        Bytes p = new Bytes().u32(entries.size());
        for (byte[] e : entries) p.bytes(e);
        byte[] payload = p.toBytes();
        m.b(id).u32(payload.length).bytes(payload);
    }

    private static void valtypes(Bytes out, String list) {
        String[] ts = list.isBlank() ? new String[0] : list.trim().split("\\s+");
        out.u32(ts.length);
        for (String t : ts) out.b(valtype(t));
    }

    static byte valtype(String t) {
        switch (t) {
            case "i32": return I32;
            case "i64": return I64;
            case "f32": return F32;
            case "f64": return F64;
            default: throw new IllegalArgumentException("unknown value type " + t);
        }
    }

    // ---- instructions ----

    private static final Map<String, Integer> PLAIN = new HashMap<>();
    private static final Map<String, Integer> INDEXED = new HashMap<>();
    private static final Map<String, Integer> MEMORY = new HashMap<>();
    private static final Map<String, Integer> NATURAL_ALIGN = new HashMap<>();

    static {
        String[][] plain = {
            {"unreachable", "00"}, {"nop", "01"}, {"else", "05"}, {"end", "0B"}, {"return", "0F"}, {"drop", "1A"}, {"select", "1B"},
            {"i32.eqz", "45"}, {"i32.eq", "46"}, {"i32.ne", "47"}, {"i32.lt_s", "48"}, {"i32.lt_u", "49"}, {"i32.gt_s", "4A"},
            {"i32.gt_u", "4B"}, {"i32.le_s", "4C"}, {"i32.le_u", "4D"}, {"i32.ge_s", "4E"}, {"i32.ge_u", "4F"},
            {"i64.eqz", "50"}, {"i64.eq", "51"}, {"i64.ne", "52"}, {"i64.lt_s", "53"}, {"i64.lt_u", "54"}, {"i64.gt_s", "55"},
            {"i64.gt_u", "56"}, {"i64.le_s", "57"}, {"i64.le_u", "58"}, {"i64.ge_s", "59"}, {"i64.ge_u", "5A"},
            {"i32.clz", "67"}, {"i32.ctz", "68"}, {"i32.popcnt", "69"}, {"i32.add", "6A"}, {"i32.sub", "6B"}, {"i32.mul", "6C"},
            {"i32.div_s", "6D"}, {"i32.div_u", "6E"}, {"i32.rem_s", "6F"}, {"i32.rem_u", "70"}, {"i32.and", "71"}, {"i32.or", "72"},
            {"i32.xor", "73"}, {"i32.shl", "74"}, {"i32.shr_s", "75"}, {"i32.shr_u", "76"}, {"i32.rotl", "77"}, {"i32.rotr", "78"},
            {"i64.clz", "79"}, {"i64.ctz", "7A"}, {"i64.popcnt", "7B"}, {"i64.add", "7C"}, {"i64.sub", "7D"}, {"i64.mul", "7E"},
            {"i64.div_s", "7F"}, {"i64.div_u", "80"}, {"i64.rem_s", "81"}, {"i64.rem_u", "82"}, {"i64.and", "83"}, {"i64.or", "84"},
            {"i64.xor", "85"}, {"i64.shl", "86"}, {"i64.shr_s", "87"}, {"i64.shr_u", "88"}, {"i64.rotl", "89"}, {"i64.rotr", "8A"},
            {"f64.add", "A0"}, {"f64.sub", "A1"}, {"f64.mul", "A2"}, {"f64.div", "A3"},
            {"i32.wrap_i64", "A7"}, {"i32.trunc_f64_s", "AA"}, {"i64.trunc_f64_s", "B0"}, {"i64.extend_i32_s", "AC"}, {"i64.extend_i32_u", "AD"},
            {"f64.convert_i32_s", "B7"}, {"f64.convert_i64_s", "B9"},
        };
        for (String[] p : plain) PLAIN.put(p[0], Integer.parseInt(p[1], 16));
        String[][] indexed = {
            {"br", "0C"}, {"br_if", "0D"}, {"call", "10"}, {"local.get", "20"}, {"local.set", "21"}, {"local.tee", "22"},
            {"global.get", "23"}, {"global.set", "24"},
        };
        for (String[] p : indexed) INDEXED.put(p[0], Integer.parseInt(p[1], 16));
        String[][] memory = {
            {"i32.load", "28", "2"}, {"i64.load", "29", "3"}, {"i32.load8_s", "2C", "0"}, {"i32.load8_u", "2D", "0"},
            {"i32.load16_s", "2E", "1"}, {"i32.load16_u", "2F", "1"}, {"i64.load8_u", "31", "0"}, {"i64.load32_u", "35", "2"},
            {"i32.store", "36", "2"}, {"i64.store", "37", "3"}, {"i32.store8", "3A", "0"}, {"i32.store16", "3B", "1"},
        };
        for (String[] p : memory) {
            MEMORY.put(p[0], Integer.parseInt(p[1], 16));
            NATURAL_ALIGN.put(p[0], Integer.parseInt(p[2]));
        }
    }

    /** The bytes of the instructions in {@code text}. */
    static byte[] code(String text) {
        List<String> tokens = new ArrayList<>();
        for (String line : text.split("\n")) {
            int comment = line.indexOf(";;");
            for (String t : (comment >= 0 ? line.substring(0, comment) : line).trim().split("\\s+")) if (!t.isEmpty()) tokens.add(t);
        }
        Bytes out = new Bytes();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            switch (t) {
                case "block": case "loop": case "if": {
                    out.b(t.equals("block") ? 0x02 : t.equals("loop") ? 0x03 : 0x04);
                    String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
                    if (next.matches("i32|i64|f32|f64")) {
                        out.b(valtype(next));
                        i++;
                    } else if (next.startsWith("type=")) {
                        out.s64(Integer.parseInt(next.substring(5)));
                        i++;
                    } else {
                        out.b(0x40);
                    }
                    continue;
                }
                case "br_table": {
                    List<Integer> depths = new ArrayList<>();
                    while (i + 1 < tokens.size() && tokens.get(i + 1).matches("\\d+")) depths.add(Integer.parseInt(tokens.get(++i)));
                    if (depths.isEmpty()) throw new IllegalArgumentException("br_table without depths");
                    out.b(0x0E).u32(depths.size() - 1);
                    for (int d : depths) out.u32(d);
                    continue;
                }
                case "i32.const": out.b(0x41).s64(Integer.parseInt(tokens.get(++i))); continue;
                case "i64.const": out.b(0x42).s64(Long.parseLong(tokens.get(++i))); continue;
                case "f64.const": out.b(0x44).bytes(le(Double.doubleToRawLongBits(Double.parseDouble(tokens.get(++i))))); continue;
                default: break;
            }
            if (PLAIN.containsKey(t)) {
                out.b(PLAIN.get(t));
            } else if (INDEXED.containsKey(t)) {
                out.b(INDEXED.get(t)).u32(Integer.parseInt(tokens.get(++i)));
            } else if (MEMORY.containsKey(t)) {
                int offset = 0, align = NATURAL_ALIGN.get(t);
                while (i + 1 < tokens.size() && tokens.get(i + 1).matches("(offset|align)=\\d+")) {
                    String[] kv = tokens.get(++i).split("=");
                    if (kv[0].equals("offset")) offset = Integer.parseInt(kv[1]);
                    else align = Integer.numberOfTrailingZeros(Integer.parseInt(kv[1]));
                }
                out.b(MEMORY.get(t)).u32(align).u32(offset);
            } else {
                throw new IllegalArgumentException("instruction " + t + " unknown to the test assembler");
            }
        }
        return out.toBytes();
    }

    private static byte[] le(long v) {
        byte[] b = new byte[8];
        for (int k = 0; k < 8; k++) b[k] = (byte) (v >>> (8 * k));
        return b;
    }

    /** LEB128 writer. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes b(int x) {
            out.write(x);
            return this;
        }

        Bytes bytes(byte[] x) {
            out.write(x, 0, x.length);
            return this;
        }

        Bytes u32(int v) {
            long x = v & 0xffffffffL;
            do {
                int byt = (int) (x & 0x7f);
                x >>>= 7;
                out.write(x != 0 ? byt | 0x80 : byt);
            } while (x != 0);
            return this;
        }

        Bytes s64(long x) {
            while (true) {
                int byt = (int) (x & 0x7f);
                x >>= 7;
                if ((x == 0 && (byt & 0x40) == 0) || (x == -1 && (byt & 0x40) != 0)) {
                    out.write(byt);
                    return this;
                }
                out.write(byt | 0x80);
            }
        }

        Bytes name(String s) {
            byte[] n = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return u32(n.length).bytes(n);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
