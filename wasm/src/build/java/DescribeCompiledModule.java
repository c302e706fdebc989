import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import com.dylibso.chicory.wasm.types.RecType;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build step of module wasm, run after Chicory's compiler: reads the module description the
 * compiler wrote beside its classes ({@code <Name>.meta}: the module with stub code bodies) with
 * Chicory's own parser, validation on, and writes what the compiled machine and {@code Instance}
 * need of it as a flat image ({@code <Name>.module}) that {@code ModuleImage} turns back into a
 * {@code WasmModule} at run time without the parser (~200 ms of every cold start: digest, method
 * handles, validator streams and 2,300 stub bodies, all in HotSpot's interpreter).
 *
 * <p>The format is {@code ModuleImage}'s (see there); everything the format cannot carry (imports
 * other than functions, GC types, passive or declarative elements, custom sections, code of
 * functions left to the interpreter) fails the build here rather than at run time. Usage: {@code DescribeCompiledModule <Name.meta> <Name.module>},
 * run with Chicory's wasm jar on the class path.
 */
public final class DescribeCompiledModule {
    /** Must match ModuleImage.MAGIC/VERSION. */
    static final int MAGIC = 0x4c534a4d; // "LSJM"
    static final int VERSION = 1;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) fail("usage: DescribeCompiledModule <Name.meta> <Name.module>");
        Path meta = Path.of(args[0]);
        WasmModule module;
        try (InputStream in = Files.newInputStream(meta)) {
            module = Parser.parse(in);
        }
        byte[] image = describe(module, meta);
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        if (Files.exists(out) && java.util.Arrays.equals(Files.readAllBytes(out), image)) return;
        Files.write(out, image);
        System.out.println("[DescribeCompiledModule] " + out.getFileName() + ": " + image.length + " bytes ("
            + module.functionSection().functionCount() + " functions, " + module.exportSection().exportCount()
            + " exports, " + module.dataSection().dataSegmentCount() + " data segments)");
    }

    static byte[] describe(WasmModule m, Path source) throws IOException {
        if (!m.customSections().isEmpty()) fail(source + " has custom sections, which the image does not carry");
        if (!m.ignoredSections().isEmpty()) fail(source + " has sections Chicory ignored: " + m.ignoredSections());
        if (m.tagSection().isPresent()) fail(source + " has a tag section, which the image does not carry");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(m.digest() == null ? "" : m.digest());

        var types = m.typeSection();
        out.writeInt(types.typeCount());
        for (int i = 0; i < types.typeCount(); i++) {
            RecType rec = types.getRecType(i);
            if (!rec.isLegacy() || !rec.subTypes()[0].isFinal() || rec.subTypes()[0].typeIdx().length != 0) {
                fail(source + ": type " + i + " is not a plain function type");
            }
            FunctionType ft = rec.legacy();
            writeValTypes(out, ft.params(), source);
            writeValTypes(out, ft.returns(), source);
        }

        var imports = m.importSection();
        out.writeInt(imports.importCount());
        for (int i = 0; i < imports.importCount(); i++) {
            Import imp = imports.getImport(i);
            if (!(imp instanceof FunctionImport)) fail(source + ": import " + imp + " is not a function");
            out.writeUTF(imp.module());
            out.writeUTF(imp.name());
            out.writeInt(((FunctionImport) imp).typeIndex());
        }

        var functions = m.functionSection();
        out.writeInt(functions.functionCount());
        for (int i = 0; i < functions.functionCount(); i++) out.writeShort(checkedU16(functions.getFunctionType(i), source));
        if (m.codeSection().functionBodyCount() != functions.functionCount()) fail(source + ": code and function sections differ in length");
        for (int i = 0; i < functions.functionCount(); i++) {
            // the compiler keeps the code of the functions left to Chicory's interpreter; the image carries none
            FunctionBody body = m.codeSection().getFunctionBody(i);
            var code = body.instructions();
            if (!body.localTypes().isEmpty() || code.size() != 2 || code.get(0).opcode() != OpCode.UNREACHABLE
                || code.get(1).opcode() != OpCode.END) {
                fail(source + ": function " + (imports.importCount() + i) + " keeps its code (left to the interpreter?): "
                    + "the image has none, so every function must be compiled");
            }
        }

        var tables = m.tableSection();
        out.writeInt(tables.tableCount());
        for (int i = 0; i < tables.tableCount(); i++) {
            Table t = tables.getTable(i);
            writeValType(out, t.elementType(), source);
            out.writeLong(t.limits().min());
            out.writeLong(t.limits().max());
            out.writeBoolean(t.limits().shared());
            writeExpression(out, t.initialize());
        }

        var memories = m.memorySection();
        out.writeInt(memories.isPresent() ? memories.get().memoryCount() : -1);
        for (int i = 0; memories.isPresent() && i < memories.get().memoryCount(); i++) {
            MemoryLimits limits = memories.get().getMemory(i).limits();
            out.writeInt(limits.initialPages());
            out.writeInt(limits.maximumPages());
            out.writeBoolean(limits.shared());
        }

        var globals = m.globalSection();
        out.writeInt(globals.globalCount());
        for (Global g : globals.globals()) {
            writeValType(out, g.valueType(), source);
            out.writeByte(g.mutabilityType().id());
            writeExpression(out, g.initInstructions());
        }

        var exports = m.exportSection();
        out.writeInt(exports.exportCount());
        for (int i = 0; i < exports.exportCount(); i++) {
            Export e = exports.getExport(i);
            out.writeUTF(e.name());
            out.writeByte(e.exportType().id());
            out.writeInt(e.index());
        }

        out.writeLong(m.startSection().isPresent() ? m.startSection().get().startIndex() : -1);

        var elements = m.elementSection();
        out.writeInt(elements.elementCount());
        for (Element el : elements.elements()) {
            if (!(el instanceof ActiveElement)) fail(source + ": element segment " + el + " is not active");
            ActiveElement ae = (ActiveElement) el;
            writeValType(out, ae.type(), source);
            out.writeInt(ae.tableIndex());
            writeExpression(out, ae.offset());
            out.writeInt(ae.initializers().size());
            for (List<Instruction> init : ae.initializers()) writeExpression(out, init);
        }

        out.writeInt(m.dataCountSection().isPresent() ? m.dataCountSection().get().dataCount() : -1);

        var data = m.dataSection();
        out.writeInt(data.dataSegmentCount());
        for (DataSegment ds : data.dataSegments()) {
            if (ds instanceof ActiveDataSegment) {
                ActiveDataSegment ads = (ActiveDataSegment) ds;
                out.writeByte(0);
                out.writeLong(ads.index());
                writeExpression(out, ads.offsetInstructions());
            } else if (ds instanceof PassiveDataSegment) {
                out.writeByte(1);
            } else {
                fail(source + ": unknown data segment kind " + ds.getClass());
            }
            out.writeInt(ds.data().length);
            out.write(ds.data());
        }
        out.writeInt(~MAGIC);
        out.flush();
        return bytes.toByteArray();
    }

    static void writeValTypes(DataOutputStream out, List<ValType> types, Path source) throws IOException {
        out.writeByte(types.size());
        for (ValType t : types) writeValType(out, t, source);
    }

    /** A value type by its id; types that refer to a type index would need resolving and are refused. */
    static void writeValType(DataOutputStream out, ValType t, Path source) throws IOException {
        if (t.isReference() && !ValType.isAbsHeapTypeIdx(t.typeIdx())) fail(source + ": value type " + t + " refers to a type index");
        out.writeLong(t.id());
    }

    /** Instructions of a constant expression, addresses included (Chicory's Instruction.equals compares them). */
    static void writeExpression(DataOutputStream out, List<Instruction> expr) throws IOException {
        out.writeShort(expr.size());
        for (Instruction i : expr) {
            out.writeInt(i.address());
            out.writeInt(i.opcode().opcode());
            out.writeByte(i.operands().length);
            for (long operand : i.operands()) out.writeLong(operand);
        }
    }

    static int checkedU16(int v, Path source) {
        if (v < 0 || v > 0xffff) fail(source + ": type index " + v + " does not fit the image");
        return v;
    }

    static void fail(String message) {
        System.err.println("[DescribeCompiledModule] " + message);
        System.exit(1);
    }
}
