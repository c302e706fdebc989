package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DDL of a file store equals what the native sqlite3 tool shows for files written by LiveStore 0.4.0. */
class DdlTest {
    /** {@code sqlite3 .schema} of adapter-node 0.4.0 files (reference document, section 1.2). */
    static final List<String> EVENTLOG_SCHEMA = List.of(
        "CREATE TABLE IF NOT EXISTS \"eventlog\" (\"seqNumGlobal\" integer   not null , \"seqNumClient\" integer   not null , \"seqNumRebaseGeneration\" integer   not null , \"parentSeqNumGlobal\" integer   not null , \"parentSeqNumClient\" integer   not null , \"parentSeqNumRebaseGeneration\" integer   not null , \"name\" text   not null , \"argsJson\" text   not null , \"clientId\" text   not null , \"sessionId\" text   not null , \"schemaHash\" integer   not null , \"syncMetadataJson\" text   not null , PRIMARY KEY (\"seqNumGlobal\", \"seqNumClient\", \"seqNumRebaseGeneration\")) strict;",
        "CREATE INDEX \"idx_eventlog_seqNumGlobal\" on \"eventlog\" (\"seqNumGlobal\");",
        "CREATE INDEX \"idx_eventlog_seqNum\" on \"eventlog\" (\"seqNumGlobal\", \"seqNumClient\", \"seqNumRebaseGeneration\");",
        "CREATE TABLE IF NOT EXISTS \"__livestore_sync_status\" (\"head\" integer primary key   , \"backendId\" text    ) strict;");

    static final List<String> STATE_SCHEMA = List.of(
        "CREATE TABLE IF NOT EXISTS \"__livestore_schema\" (\"tableName\" text primary key   , \"schemaHash\" integer   not null , \"updatedAt\" text   not null ) strict;",
        "CREATE TABLE IF NOT EXISTS \"__livestore_schema_event_defs\" (\"eventName\" text primary key   , \"schemaHash\" integer   not null , \"updatedAt\" text   not null ) strict;",
        "CREATE TABLE IF NOT EXISTS \"__livestore_session_changeset\" (\"seqNumGlobal\" integer   not null , \"seqNumClient\" integer   not null , \"seqNumRebaseGeneration\" integer   not null , \"changeset\" blob    , \"debug\" text    ) strict;",
        "CREATE INDEX \"idx_session_changeset_id\" on \"__livestore_session_changeset\" (\"seqNumGlobal\", \"seqNumClient\");",
        "CREATE TABLE IF NOT EXISTS \"todos\" (\"id\" text primary key   , \"text\" text   not null default '', \"completed\" integer   not null default 0, \"deletedAt\" integer    ) strict;",
        "CREATE TABLE IF NOT EXISTS \"uiState\" (\"id\" text primary key   , \"value\" text   not null ) strict;");

    @TempDir
    Path base;

    @Test
    void generatedTextEqualsLiveStoresStatements() {
        assertEquals("create table if not exists \"todos\" (\"id\" text primary key   , \"text\" text   not null default '', "
            + "\"completed\" integer   not null default 0, \"deletedAt\" integer    ) strict", Todos.TODOS.ddl().get(0));
        assertEquals(List.of("create table if not exists \"notes\" (\"owner\" text   not null , \"slot\" integer   not null , "
                + "\"score\" real   not null default 1.5, \"data\" blob    , \"meta\" text   not null default '{\"a\":1}', "
                + "\"tags\" text    , \"at\" text    , \"flag\" integer   not null default 1, PRIMARY KEY (\"owner\", \"slot\")) strict",
                "create index if not exists \"idx_notes_score\" on \"notes\" (\"score\")",
                "create UNIQUE index if not exists \"idx_notes_u\" on \"notes\" (\"owner\", \"score\")"),
            SchemaHashTest.NOTES.ddl());
    }

    @Test
    void nativeSqliteSeesLiveStoresSchemaAndPragmas() throws Exception {
        Schema schema = Todos.schema();
        try (Store store = Store.open(StoreOptions.builder(schema).directory(base).storeId("s1").build())) {
            store.commit(Todos.CREATED.of(new Todos.TodoCreated("a", "x")));
        }
        Path dir = base.resolve("s1");
        assertEquals(Set.of("eventlog@6.db", "state-96296379336@6.db"), listing(dir));
        assertEquals(new HashSet<>(EVENTLOG_SCHEMA), new HashSet<>(sqlite3(dir.resolve("eventlog@6.db"), ".schema")));
        assertEquals(new HashSet<>(STATE_SCHEMA), new HashSet<>(sqlite3(dir.resolve("state-96296379336@6.db"), ".schema")));
        for (String f : List.of("eventlog@6.db", "state-96296379336@6.db")) {
            assertEquals(List.of("8192"), sqlite3(dir.resolve(f), "PRAGMA page_size;"));
            assertEquals(List.of("delete"), sqlite3(dir.resolve(f), "PRAGMA journal_mode;"));
            assertEquals(List.of("ok"), sqlite3(dir.resolve(f), "PRAGMA integrity_check;"));
        }
        assertEquals(List.of("1|0|0|0|0|0|v1.TodoCreated|{\"id\":\"a\",\"text\":\"x\"}|{\"_tag\":\"None\"}"),
            sqlite3(dir.resolve("eventlog@6.db"), "SELECT seqNumGlobal, seqNumClient, seqNumRebaseGeneration, parentSeqNumGlobal, "
                + "parentSeqNumClient, parentSeqNumRebaseGeneration, name, argsJson, syncMetadataJson FROM eventlog;"));
        assertEquals(List.of("0|"), sqlite3(dir.resolve("eventlog@6.db"), "SELECT head, backendId FROM __livestore_sync_status;"));
        assertEquals(List.of("a|x|0|"), sqlite3(dir.resolve("state-96296379336@6.db"), "SELECT * FROM todos;"));
        assertEquals(List.of("todos|-28966160668", "uiState|13674335099"),
            sqlite3(dir.resolve("state-96296379336@6.db"), "SELECT tableName, schemaHash FROM __livestore_schema WHERE tableName NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY 1;"));
    }

    static Set<String> listing(Path dir) throws IOException {
        Set<String> names = new HashSet<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    /** Runs the native sqlite3 tool (Debian package) on a file. */
    static List<String> sqlite3(Path db, String command) throws Exception {
        Process p = new ProcessBuilder("sqlite3", db.toString(), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n")) if (!l.isEmpty()) lines.add(l);
        return lines;
    }
}
