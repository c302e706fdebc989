package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.wasm.compiled.WaSqliteDefault;
import dev.livestorejvm.wasm.compiled.WaSqliteFts5;
import org.junit.jupiter.api.Test;

/** The preload finds the compiled classes by Chicory's naming: if the compiler renames them, it would silently do nothing. */
class CompiledClassPreloadTest {
    @Test
    void findsTheFunctionGroupsTheDispatchAndTheMachineOfEachVariant() throws Exception {
        for (Class<?> compiled : new Class<?>[] {WaSqliteDefault.class, WaSqliteFts5.class}) {
            int groups = 0;
            while (exists(compiled.getName() + "MachineFuncGroup_" + groups)) groups++;
            int dispatches = 0;
            while (exists(compiled.getName() + "MachineDispatch_" + dispatches)) dispatches++;
            // at least FuncGroup_0, Dispatch_0, the machine and its call class
            assertEquals(groups + dispatches + 2, new CompiledClassPreload(compiled).preload(), compiled.getName());
            assertTrue(groups >= 1 && dispatches >= 1, compiled.getName() + ": " + groups + " groups, " + dispatches + " dispatch classes");
        }
    }

    private static boolean exists(String name) {
        return CompiledClassPreloadTest.class.getClassLoader().getResource(name.replace('.', '/') + ".class") != null;
    }
}
