package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.*;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.livestorejvm.wasm.compiled.WaSqliteDefault;
import dev.livestorejvm.wasm.compiled.WaSqliteFts5;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module images the build wrote (DescribeCompiledModule) against what Chicory's parser, with
 * validation, reads from the compiler's own {@code .meta}: every section the compiled machine and
 * {@code Instance} use must be equal.
 */
class ModuleImageTest {
    static Class<?> compiled(String name) {
        return name.equals("WaSqliteDefault") ? WaSqliteDefault.class : WaSqliteFts5.class;
    }

    static byte[] resource(String name, String suffix) throws IOException {
        try (InputStream in = compiled(name).getResourceAsStream(name + suffix)) {
            assertNotNull(in, name + suffix + " is missing");
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"WaSqliteDefault", "WaSqliteFts5"})
    void imageSaysWhatTheParserReadsFromTheMeta(String name) throws IOException {
        byte[] meta = resource(name, ".meta");
        WasmModule parsed = Parser.builder().withValidation(true).build().parse(() -> new java.io.ByteArrayInputStream(meta));
        WasmModule image = CompiledModules.read(compiled(name), name + ".module");

        assertEquals(parsed.typeSection(), image.typeSection(), "types");
        assertArrayEquals(parsed.typeSection().types(), image.typeSection().types(), "function types");
        assertEquals(parsed.importSection(), image.importSection(), "imports");
        assertEquals(parsed.functionSection(), image.functionSection(), "function type indices");
        int functions = parsed.functionSection().functionCount();
        assertEquals(functions, image.functionSection().functionCount());
        for (int i = 0; i < functions; i++) {
            assertEquals(parsed.functionSection().getFunctionType(i), image.functionSection().getFunctionType(i), "function " + i);
        }
        assertEquals(functions, image.codeSection().functionBodyCount(), "one (empty) body per function");
        assertEquals(parsed.tableSection(), image.tableSection(), "tables");
        assertEquals(parsed.memorySection(), image.memorySection(), "memory");
        assertEquals(parsed.globalSection(), image.globalSection(), "globals");
        for (int i = 0; i < parsed.globalSection().globalCount(); i++) {
            assertEquals(parsed.globalSection().getGlobal(i).initInstructions(),
                image.globalSection().getGlobal(i).initInstructions(), "init expression of global " + i);
        }
        assertEquals(parsed.exportSection(), image.exportSection(), "exports");
        assertEquals(parsed.startSection(), image.startSection(), "start");
        assertEquals(parsed.elementSection(), image.elementSection(), "elements");
        for (int i = 0; i < parsed.elementSection().elementCount(); i++) {
            ActiveElement p = (ActiveElement) parsed.elementSection().getElement(i);
            ActiveElement m = (ActiveElement) image.elementSection().getElement(i);
            assertEquals(p.type(), m.type());
            assertEquals(p.tableIndex(), m.tableIndex());
            assertEquals(p.offset(), m.offset());
            assertEquals(p.initializers(), m.initializers(), "initializers of element segment " + i);
        }
        assertEquals(parsed.dataCountSection(), image.dataCountSection(), "data count");
        assertEquals(parsed.dataSection().dataSegmentCount(), image.dataSection().dataSegmentCount());
        long bytes = 0;
        for (int i = 0; i < parsed.dataSection().dataSegmentCount(); i++) {
            var p = parsed.dataSection().getDataSegment(i);
            var m = image.dataSection().getDataSegment(i);
            assertEquals(p.getClass(), m.getClass(), "kind of data segment " + i);
            assertArrayEquals(p.data(), m.data(), "bytes of data segment " + i);
            if (p instanceof ActiveDataSegment) {
                assertEquals(((ActiveDataSegment) p).index(), ((ActiveDataSegment) m).index());
                assertEquals(((ActiveDataSegment) p).offsetInstructions(), ((ActiveDataSegment) m).offsetInstructions());
            }
            bytes += p.data().length;
        }
        assertEquals(parsed.dataSection(), image.dataSection(), "data");
        assertEquals(parsed.digest(), image.digest(), "digest");

        // the module is SQLite's: not an empty shell that would compare equal to another empty shell
        assertTrue(functions > 2000, "functions: " + functions);
        assertTrue(parsed.exportSection().exportCount() > 200);
        assertTrue(bytes > 50_000, "data bytes: " + bytes);
        assertTrue(parsed.importSection().count(ExternalType.FUNCTION) > 50);
    }

    @Test
    void aDamagedImageIsRefusedWithItsName() throws IOException {
        byte[] good = resource("WaSqliteDefault", ".module");
        byte[] truncated = Arrays.copyOf(good, good.length - 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModuleImage.read(truncated, "x.module"));
        assertTrue(e.getMessage().contains("x.module"), e.getMessage());
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalStateException.class, () -> ModuleImage.read(longer, "y.module"));
        byte[] wrongMagic = good.clone();
        wrongMagic[0] ^= 1;
        assertThrows(IllegalStateException.class, () -> ModuleImage.read(wrongMagic, "z.module"));
    }

    @Test
    void theCursorReadsWhatDataOutputStreamWrote() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        var out = new java.io.DataOutputStream(bytes);
        String[] names = {"sqlite3_open_v2", "", "caf\u00e9", "nul\u0000inside", "\ud83d\ude00", "x".repeat(70)};
        for (String n : names) out.writeUTF(n);
        out.writeInt(0x80000001);
        out.writeInt(-1);
        out.writeLong(0x8000000000000001L);
        out.writeLong(-2);
        out.writeShort(0xfffe);
        out.writeByte(0xff);
        out.writeByte(-3);
        out.writeBoolean(true);
        out.writeBoolean(false);
        out.write(new byte[] {1, 2, 3});
        byte[] image = bytes.toByteArray();

        ModuleImage.Cursor c = new ModuleImage.Cursor(image);
        for (String n : names) assertEquals(n, c.readUTF());
        assertEquals(0x80000001, c.readInt());
        assertEquals(-1, c.readInt());
        assertEquals(0x8000000000000001L, c.readLong());
        assertEquals(-2, c.readLong());
        assertEquals(0xfffe, c.readUnsignedShort());
        assertEquals(0xff, c.readUnsignedByte());
        assertEquals(-3, c.readByte());
        assertTrue(c.readBoolean());
        assertFalse(c.readBoolean());
        assertFalse(c.atEnd());
        byte[] three = new byte[3];
        c.readFully(three);
        assertArrayEquals(new byte[] {1, 2, 3}, three);
        assertTrue(c.atEnd());
        assertThrows(java.io.EOFException.class, c::readUnsignedByte);

        ModuleImage.Cursor truncated = new ModuleImage.Cursor(Arrays.copyOf(image, 3));
        assertThrows(java.io.EOFException.class, truncated::readUTF, "a name longer than what is left");
        assertThrows(IllegalStateException.class, () -> ModuleImage.read(Arrays.copyOf(image, 2), "short"),
            "an image cut short is refused with the image's name");
    }
}
