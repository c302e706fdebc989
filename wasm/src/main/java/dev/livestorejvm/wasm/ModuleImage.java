package dev.livestorejvm.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled module's description as the build step {@code DescribeCompiledModule} wrote it (from
 * the {@code .meta} Chicory's compiler emits, read there by Chicory's parser with validation), turned
 * back into a {@link WasmModule} with Chicory's builders and nothing else: no digest, no method
 * handles, no stream pipelines, no code bodies to parse. Chicory's parser took ~200 ms of every cold
 * start doing those in HotSpot's interpreter.
 *
 * <p>The code section holds one empty body per function: the compiled machine runs JVM classes and
 * never reads bodies; only the function count (checked by {@code WasmModule}) and the function
 * section's type indices matter. This module must never be run by Chicory's interpreter.
 *
 * <p>Read with {@link Cursor}, a plain index into the array: {@link DataInputStream} over a
 * {@link ByteArrayInputStream} costs a synchronized call per byte and decodes names char by char,
 * in the interpreter that runs this once per process.
 *
 * <p>Format (big-endian, {@link DataInputStream}): magic, version, digest; types (params, returns as
 * value-type ids); function imports (module, name, type); function type indices (u16); tables (type,
 * min, max, shared, init expression); memories (-1 = no section; initial, maximum, shared); globals
 * (type, mutability, init expression); exports (name, kind, index); start (-1 = none); active
 * elements (type, table, offset, initializer expressions); data count (-1 = none); data segments
 * (active: memory, offset expression; passive), bytes; ~magic. An expression is its instructions:
 * address, opcode, operands.
 */
final class ModuleImage {
    static final int MAGIC = 0x4c534a4d; // "LSJM"
    static final int VERSION = 1;

    private ModuleImage() {}

    static WasmModule read(byte[] image, String source) {
        try {
            return read(new Cursor(image), source);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(source + " is not a module image this build can read (rebuild the wasm module)", e);
        }
    }

    private static WasmModule read(Cursor in, String source) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) throw new IOException("bad magic or version");
        WasmModule.Builder m = WasmModule.builder().withValidation(false);
        String digest = in.readUTF();
        if (!digest.isEmpty()) m.withDigest(digest);

        int n = in.readInt();
        TypeSection.Builder types = TypeSection.builder();
        for (int i = 0; i < n; i++) types.addFunctionType(FunctionType.of(valTypes(in), valTypes(in)));
        m.setTypeSection(types.build());

        n = in.readInt();
        ImportSection.Builder imports = ImportSection.builder();
        for (int i = 0; i < n; i++) imports.addImport(new FunctionImport(in.readUTF(), in.readUTF(), in.readInt()));
        m.setImportSection(imports.build());

        n = in.readInt();
        FunctionSection.Builder functions = FunctionSection.builder();
        CodeSection.Builder code = CodeSection.builder();
        FunctionBody stub = new FunctionBody(List.of(), List.of());
        for (int i = 0; i < n; i++) {
            functions.addFunctionType(in.readUnsignedShort());
            code.addFunctionBody(stub);
        }
        m.setFunctionSection(functions.build());
        m.setCodeSection(code.build());

        n = in.readInt();
        TableSection.Builder tables = TableSection.builder();
        for (int i = 0; i < n; i++) {
            ValType type = valType(in);
            TableLimits limits = new TableLimits(in.readLong(), in.readLong(), in.readBoolean());
            tables.addTable(new Table(type, limits, expression(in)));
        }
        m.setTableSection(tables.build());

        n = in.readInt();
        if (n >= 0) {
            MemorySection.Builder memories = MemorySection.builder();
            for (int i = 0; i < n; i++) memories.addMemory(new Memory(new MemoryLimits(in.readInt(), in.readInt(), in.readBoolean())));
            m.setMemorySection(memories.build());
        }

        n = in.readInt();
        GlobalSection.Builder globals = GlobalSection.builder();
        for (int i = 0; i < n; i++) {
            ValType type = valType(in);
            MutabilityType mutability = MutabilityType.forId(in.readByte());
            globals.addGlobal(new Global(type, mutability, expression(in)));
        }
        m.setGlobalSection(globals.build());

        n = in.readInt();
        ExportSection.Builder exports = ExportSection.builder();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            ExternalType kind = ExternalType.byId(in.readByte());
            exports.addExport(new Export(name, in.readInt(), kind));
        }
        m.setExportSection(exports.build());

        long start = in.readLong();
        if (start >= 0) m.setStartSection(StartSection.builder().setStartIndex(start).build());

        n = in.readInt();
        ElementSection.Builder elements = ElementSection.builder();
        for (int i = 0; i < n; i++) {
            ValType type = valType(in);
            int table = in.readInt();
            List<Instruction> offset = expression(in);
            int count = in.readInt();
            List<List<Instruction>> inits = new ArrayList<>(count);
            for (int k = 0; k < count; k++) inits.add(expression(in));
            elements.addElement(new ActiveElement(type, inits, table, offset));
        }
        m.setElementSection(elements.build());

        n = in.readInt();
        if (n >= 0) m.setDataCountSection(DataCountSection.builder().withDataCount(n).build());

        n = in.readInt();
        DataSection.Builder data = DataSection.builder();
        for (int i = 0; i < n; i++) {
            boolean active = in.readByte() == 0;
            long memory = active ? in.readLong() : 0;
            List<Instruction> offset = active ? expression(in) : null;
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            data.addDataSegment(active ? new ActiveDataSegment(memory, offset, bytes) : new PassiveDataSegment(bytes));
        }
        m.setDataSection(data.build());

        if (in.readInt() != ~MAGIC || !in.atEnd()) throw new IOException("trailing bytes or truncated image");
        return m.build();
    }

    private static List<ValType> valTypes(Cursor in) throws IOException {
        int n = in.readUnsignedByte();
        if (n == 0) return List.of();
        ValType[] types = new ValType[n];
        for (int i = 0; i < n; i++) types[i] = valType(in);
        return Arrays.asList(types);
    }

    /** The shared constants for numeric types (as Chicory's parser returns them), built ones otherwise. */
    private static ValType valType(Cursor in) throws IOException {
        long id = in.readLong();
        if (id == ValType.I32.id()) return ValType.I32;
        if (id == ValType.I64.id()) return ValType.I64;
        if (id == ValType.F64.id()) return ValType.F64;
        if (id == ValType.F32.id()) return ValType.F32;
        return ValType.builder().fromId(id).build();
    }

    private static List<Instruction> expression(Cursor in) throws IOException {
        int n = in.readUnsignedShort();
        Instruction[] expr = new Instruction[n];
        for (int i = 0; i < n; i++) {
            int address = in.readInt();
            OpCode op = OpCode.byOpCode(in.readInt());
            long[] operands = new long[in.readUnsignedByte()];
            for (int k = 0; k < operands.length; k++) operands[k] = in.readLong();
            expr[i] = new Instruction(address, op, operands.length == 0 ? Instruction.EMPTY_OPERANDS : operands);
        }
        return List.of(expr);
    }

    /** {@link DataInputStream}'s reads, as this format uses them, over an array. */
    static final class Cursor {
        private final byte[] b;
        private int pos;

        Cursor(byte[] b) {
            this.b = b;
        }

        private int at(int n) throws EOFException {
            int p = pos;
            if (n > b.length - p) throw new EOFException("image ends at byte " + b.length + ", " + n + " more needed at " + p);
            pos = p + n;
            return p;
        }

        int readUnsignedByte() throws EOFException {
            return b[at(1)] & 0xff;
        }

        byte readByte() throws EOFException {
            return b[at(1)];
        }

        boolean readBoolean() throws EOFException {
            return b[at(1)] != 0;
        }

        int readUnsignedShort() throws EOFException {
            int p = at(2);
            return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
        }

        int readInt() throws EOFException {
            int p = at(4);
            return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
        }

        long readLong() throws EOFException {
            return (long) readInt() << 32 | (readInt() & 0xffffffffL);
        }

        void readFully(byte[] into) throws EOFException {
            System.arraycopy(b, at(into.length), into, 0, into.length);
        }

        /** {@link DataInputStream#readUTF}: ASCII (every name here) directly, anything else by DataInputStream itself. */
        String readUTF() throws IOException {
            int start = pos;
            int len = readUnsignedShort();
            int p = at(len);
            for (int i = p; i < p + len; i++) {
                if (b[i] <= 0) return new DataInputStream(new ByteArrayInputStream(b, start, 2 + len)).readUTF();   // NUL or non-ASCII
            }
            return new String(b, p, len, StandardCharsets.ISO_8859_1);
        }

        boolean atEnd() {
            return pos == b.length;
        }
    }
}
