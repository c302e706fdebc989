package dev.livestorejvm.differential;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the corpus format: SQL text, split into statements, with directive lines that start with
 * {@code --!} (SQL comments to any other tool):
 * <pre>
 * --! binary fts5                      default or fts5
 * --! zone Europe/Berlin               time zone for 'localtime' (default UTC)
 * --! seed 7                           PRNG seed (default 1)
 * --! time 2024-02-29T13:37:42.123Z    the fixed clock
 * --! interpreted                      also run on Chicory's interpreter
 * --! storage file                     main database in a file of the default VFS (default memory)
 * --! params 1 -0.0 'it''s' x'00ff' null u'a\0b\U0001F600' :name=2 zeroblob(3) real:7ff8000000000001
 *                                      parameters of the next statement
 * --! serialize                        record sqlite3_serialize of every database here
 * --! session start [table...] | changeset | invert | apply | end
 * </pre>
 * Bad input fails with the file name and line.
 */
final class ScriptParser {
    private ScriptParser() {}

    static Script parse(String name, String text) {
        String binary = "default";
        String zone = "UTC";
        int seed = 1;
        long time = Script.DEFAULT_TIME;
        boolean interpreted = false;
        String storage = "memory";
        List<Script.Step> steps = new ArrayList<>();
        List<Param> pending = null;
        StringBuilder sql = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln];
            if (!line.startsWith("--!")) {
                sql.append(line).append('\n');
                continue;
            }
            pending = flush(sql, steps, pending);
            String[] d = line.substring(3).strip().split("\\s+", 2);
            String arg = d.length > 1 ? d[1].strip() : "";
            try {
                switch (d[0]) {
                    case "binary":
                        if (!arg.equals("default") && !arg.equals("fts5")) throw new IllegalArgumentException("binary is default or fts5");
                        binary = arg;
                        break;
                    case "zone": zone = java.time.ZoneId.of(arg).getId(); break;
                    case "seed": seed = Integer.parseInt(arg); break;
                    case "time": time = Instant.parse(arg).toEpochMilli(); break;
                    case "interpreted": interpreted = true; break;
                    case "storage": storage = arg; break;
                    case "params": pending = params(arg); break;
                    case "serialize": steps.add(Script.Step.serialize()); break;
                    case "session": {
                        String[] a = arg.split("\\s+");
                        List<String> tables = new ArrayList<>(List.of(a).subList(1, a.length));
                        if (!List.of("start", "changeset", "invert", "apply", "end").contains(a[0])) {
                            throw new IllegalArgumentException("unknown session action " + a[0]);
                        }
                        steps.add(Script.Step.session(a[0], tables));
                        break;
                    }
                    default: throw new IllegalArgumentException("unknown directive " + d[0]);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ":" + (ln + 1) + ": " + e.getMessage() + ": " + line, e);
            }
        }
        pending = flush(sql, steps, pending);
        if (pending != null) throw new IllegalArgumentException(name + ": params at the end with no statement after them");
        return new Script(name, binary, zone, seed, time, interpreted, storage, steps);
    }

    private static List<Param> flush(StringBuilder sql, List<Script.Step> steps, List<Param> pending) {
        List<String> statements = SqlSplitter.split(sql.toString());
        sql.setLength(0);
        for (String s : statements) {
            steps.add(Script.Step.sql(s, pending == null ? List.of() : pending));
            pending = null;
        }
        return pending;
    }

    /** Parses a parameter list (see the class comment). */
    static List<Param> params(String s) {
        List<Param> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            }
            String name = null;
            if (":@$".indexOf(s.charAt(i)) >= 0) {
                int eq = s.indexOf('=', i);
                if (eq < 0) throw new IllegalArgumentException("named parameter without '=': " + s.substring(i));
                name = s.substring(i, eq);
                i = eq + 1;
            }
            int[] end = {i};
            Param p = value(s, i, end);
            out.add(name == null ? p : p.named(name));
            i = end[0];
        }
        return out;
    }

    private static Param value(String s, int i, int[] end) {
        if (s.startsWith("'", i)) {
            StringBuilder b = new StringBuilder();
            int j = i + 1;
            while (true) {
                if (j >= s.length()) throw new IllegalArgumentException("unterminated text");
                char c = s.charAt(j);
                if (c == '\'') {
                    if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                        b.append('\'');
                        j += 2;
                        continue;
                    }
                    break;
                }
                b.append(c);
                j++;
            }
            end[0] = j + 1;
            return Param.text(b.toString());
        }
        if (s.startsWith("u'", i)) {
            StringBuilder b = new StringBuilder();
            int j = i + 2;
            while (s.charAt(j) != '\'') {
                char c = s.charAt(j);
                if (c == '\\') {
                    char e = s.charAt(j + 1);
                    switch (e) {
                        case '0': b.append('\0'); j += 2; break;
                        case 'n': b.append('\n'); j += 2; break;
                        case 't': b.append('\t'); j += 2; break;
                        case '\\': b.append('\\'); j += 2; break;
                        case 's': b.append(' '); j += 2; break;
                        case 'q': b.append('\''); j += 2; break;
                        case 'u': b.appendCodePoint(Integer.parseInt(s.substring(j + 2, j + 6), 16)); j += 6; break;
                        case 'U': b.appendCodePoint(Integer.parseInt(s.substring(j + 2, j + 10), 16)); j += 10; break;
                        default: throw new IllegalArgumentException("unknown escape \\" + e);
                    }
                } else {
                    b.append(c);
                    j++;
                }
            }
            end[0] = j + 1;
            return Param.text(b.toString());
        }
        int j = i;
        while (j < s.length() && !Character.isWhitespace(s.charAt(j))) j++;
        end[0] = j;
        String tok = s.substring(i, j);
        if (tok.startsWith("x'")) {
            boolean asText = tok.endsWith("':text");
            String hex = tok.substring(2, tok.length() - (asText ? 6 : 1));
            byte[] bytes = Param.HEX.parseHex(hex);
            return asText ? new Param(null, "text", 0, 0, bytes) : Param.blob(bytes);
        }
        if (tok.equalsIgnoreCase("null")) return Param.nul();
        if (tok.startsWith("zeroblob(")) return Param.zeroblob(Integer.parseInt(tok.substring(9, tok.length() - 1)));
        if (tok.startsWith("real:")) return Param.real(Double.longBitsToDouble(Long.parseUnsignedLong(tok.substring(5), 16)));
        if (tok.equals("nan")) return Param.real(Double.NaN);
        if (tok.equals("inf")) return Param.real(Double.POSITIVE_INFINITY);
        if (tok.equals("-inf")) return Param.real(Double.NEGATIVE_INFINITY);
        if (tok.matches("-?\\d+")) return Param.integer(Long.parseLong(tok));
        return Param.real(Double.parseDouble(tok));
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
