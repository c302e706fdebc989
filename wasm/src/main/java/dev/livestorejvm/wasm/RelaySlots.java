package dev.livestorejvm.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableFactory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;

/**
 * C function pointers to relay imports, for the SQLite APIs that the binary's C adapters do not
 * relay (collations, the rollback hook, {@code sqlite3changeset_apply}'s filter and conflict
 * handler). A wasm function pointer is an index into the module's function table, and a table
 * entry may name an imported function: so each slot added here holds a relay import whose wasm
 * type equals the C callback's, and the callback's context argument ({@code pArg}, {@code pCtx})
 * is the relay key. One slot per relay serves every registration, because the key tells them apart.
 *
 * <p>Why this way: the binary's table is declared with a fixed size (458 entries, no growth), so
 * {@link #factory()} creates it a few entries longer; the module never grows or reads past its
 * own entries, so the extra entries are visible only through the pointers handed out here. Both
 * Chicory's interpreter and its compiled machine look table entries up at call time and dispatch
 * an entry naming an import to the host function (tested in both modes).
 *
 * <p>The rollback hook is {@code void(*)(void*)}, and the only import of that wasm type is
 * {@code proc_exit(int)}: its slot is that import, and {@link HostImports} relays a
 * {@code proc_exit} whose argument is a registered key (a heap address, never an exit status)
 * instead of aborting.
 */
final class RelaySlots {
    /** The relays placed in the table, in slot order. */
    enum Slot {
        /** {@code int xFilter(void *pCtx, const char *zTab)} */
        FILTER(WasmImport.ipp),
        /** {@code int xConflict(void *pCtx, int eConflict, sqlite3_changeset_iter *p)} */
        CONFLICT(WasmImport.ippp),
        /** {@code int xCompare(void *pArg, int n1, const void *p1, int n2, const void *p2)} */
        COMPARE(WasmImport.ipppip),
        /** {@code void xRollback(void *pArg)} */
        VOID_CALLBACK(WasmImport.proc_exit);

        final WasmImport relay;

        Slot(WasmImport relay) {
            this.relay = relay;
        }
    }

    private int base = -1;

    /** Creates the function table with room for the slots after the module's own entries. */
    TableFactory factory() {
        return (table, init) -> {
            long min = table.limits().min();
            if (base < 0) base = (int) min;
            long size = min + Slot.values().length;
            Table larger = new Table(table.elementType(), new TableLimits(size, Math.max(size, table.limits().max())),
                table.initialize());
            return new TableInstance(larger, init);
        };
    }

    /** Fills the slots with the relay imports, once the instance exists. */
    void install(Instance instance, WasmBinary binary) {
        if (base < 0) throw new IllegalStateException("the module has no function table");
        TableInstance table = instance.table(0);
        for (Slot s : Slot.values()) {
            table.setRef(base + s.ordinal(), functionIndex(instance.module(), s.relay.minifiedName(binary)), instance);
        }
    }

    /** The C function pointer of a slot. */
    int pointer(Slot s) {
        return base + s.ordinal();
    }

    private static int functionIndex(WasmModule module, String name) {
        int index = 0;
        for (int n = 0; n < module.importSection().importCount(); n++) {
            Import imp = module.importSection().getImport(n);
            if (!(imp instanceof FunctionImport)) continue;
            if (imp.name().equals(name)) return index;
            index++;
        }
        throw new IllegalStateException("relay import " + name + " is missing from the binary");
    }
}
