package dev.livestorejvm.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A bound parameter: its SQLite type and exact value. Integers travel as decimal strings (64 bits),
 * reals as their raw IEEE bits, text as its UTF-8 bytes, so that nothing is rounded or re-encoded
 * on the way to either runtime. {@code name} is null for positional parameters.
 */
record Param(String name, String type, long integer, double real, byte[] bytes) {
    static final HexFormat HEX = HexFormat.of();

    static Param nul() {
        return new Param(null, "null", 0, 0, null);
    }

    static Param integer(long v) {
        return new Param(null, "int", v, 0, null);
    }

    static Param real(double v) {
        return new Param(null, "real", 0, v, null);
    }

    static Param text(String v) {
        return new Param(null, "text", 0, 0, v.getBytes(StandardCharsets.UTF_8));
    }

    static Param blob(byte[] v) {
        return new Param(null, "blob", 0, 0, v.clone());
    }

    static Param zeroblob(int n) {
        return new Param(null, "zeroblob", n, 0, null);
    }

    Param named(String n) {
        return new Param(n, type, integer, real, bytes);
    }

    ObjectNode toJson() {
        ObjectNode o = Script.JSON.createObjectNode().put("t", type);
        if (name != null) o.put("name", name);
        switch (type) {
            case "int": o.put("v", Long.toString(integer)); break;
            case "real": o.put("bits", String.format("%016x", Double.doubleToRawLongBits(real))); break;
            case "text":
            case "blob": o.put("hex", HEX.formatHex(bytes)); break;
            case "zeroblob": o.put("n", (int) integer); break;
            default: break;
        }
        return o;
    }

    /** The corpus syntax for this parameter (see {@link ScriptParser}). */
    String toText() {
        String prefix = name == null ? "" : name + "=";
        switch (type) {
            case "int": return prefix + integer;
            case "real": return prefix + "real:" + String.format("%016x", Double.doubleToRawLongBits(real));
            case "text": return prefix + "x'" + HEX.formatHex(bytes) + "':text";
            case "blob": return prefix + "x'" + HEX.formatHex(bytes) + "'";
            case "zeroblob": return prefix + "zeroblob(" + integer + ")";
            default: return prefix + "null";
        }
    }
}
