package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Callbacks relayed through the function-table slots work on the compiled machine and the interpreter alike. */
class RelaySlotsTest {
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void collationAndRollbackHookRunThroughTableSlots(ExecutionMode mode) {
        SqliteModule m = SqliteModule.load(SqliteModule.Options.defaults().withMode(mode));
        SqliteModule.Opened o = m.openV2(":memory:", 0x6, null);
        int db = o.db();
        int before = m.relayTargets();
        Comparator<String> byLength = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
        assertEquals(0, m.callbacks().createCollation(db, "BYLEN", byLength));
        List<String> rolledBack = new ArrayList<>();
        m.callbacks().rollbackHook(db, () -> rolledBack.add("rollback"));
        assertEquals(before + 2, m.relayTargets());
        assertEquals(0, m.exec(db, "create table t(s text); insert into t values ('ccc'), ('a'), ('bb')"));
        SqliteModule.Prepared p = m.prepareV3(db, "select group_concat(s, ',') from (select s from t order by s collate bylen)"
            .getBytes(StandardCharsets.UTF_8), 0, 0);
        assertEquals(100, m.step(p.stmt()));
        assertEquals("a,bb,ccc", m.columnText(p.stmt(), 0));
        m.finalizeStmt(p.stmt());
        assertEquals(0, m.exec(db, "begin; insert into t values ('x'); rollback"));
        assertEquals(List.of("rollback"), rolledBack);
        assertEquals(0, m.closeV2(db));
        assertEquals(before, m.relayTargets());
    }
}
