package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an {@link UpstreamChange} inside the caller's transaction: the undo through the
 * {@link ChangesetJournal}, the new events through the {@link StateWriter}, the eventlog rows and
 * the sync status. Events this schema does not know, or whose arguments it cannot decode, are kept
 * in the eventlog with schema hash -1 and not materialized, as LiveStore does; they are reported.
 */
final class UpstreamWrite {
    private static final System.Logger LOG = System.getLogger(UpstreamWrite.class.getName());

    /** What the write did: tables written (undone or materialized), the events materialized, those kept unmaterialized. */
    record Result(Set<String> written, List<PendingCommit.Item> materialized, List<StoredEvent> unknown) {}

    private UpstreamWrite() {}

    static Result write(UpstreamChange c, Schema schema, Eventlog eventlog, StateWriter state, StatementCache sql) {
        Set<String> written = new LinkedHashSet<>();
        List<StoredEvent> undo = new ArrayList<>(c.rollback());
        undo.sort((a, b) -> b.seqNum().compareTo(a.seqNum()));
        List<SeqNum> newestFirst = new ArrayList<>(undo.size());
        for (StoredEvent e : undo) newestFirst.add(e.seqNum());
        written.addAll(state.journal().undoAll(newestFirst));
        for (StoredEvent e : undo) eventlog.delete(e.seqNum());
        List<PendingCommit.Item> materialized = new ArrayList<>();
        List<StoredEvent> unknown = new ArrayList<>();
        // the eventlog (a file of its own) gets its rows after the state, several per statement
        List<StoredEvent> rows = new ArrayList<>(c.newEvents().size());
        for (StoredEvent e : c.newEvents()) {
            EventDef<?> def = schema.event(e.name());
            Object args = null;
            String why = null;
            if (def == null) {
                why = "this schema does not define it";
            } else {
                try {
                    args = def.decode(e.argsJson());
                } catch (StoreException decode) {
                    why = "its arguments do not decode: " + decode.getMessage();
                }
            }
            if (why != null) {
                LOG.log(System.Logger.Level.WARNING, "event " + e.name() + " (" + e.seqNum() + ") from the sync backend is kept but not materialized: " + why);
                StoredEvent kept = withSchemaHash(e, StoredEvent.UNKNOWN_SCHEMA_HASH);
                rows.add(kept);
                unknown.add(kept);
                continue;
            }
            // below the new backend head an event is final: its changeset would be trimmed below
            StateWriter.Applied applied = e.seqNum().global() < c.backendHead() ? state.applyConfirmed(def, args, e.seqNum())
                : state.apply(def, args, e.seqNum());
            written.addAll(applied.tables());
            StoredEvent row = withSchemaHash(e, def.schemaHash());
            rows.add(row);
            materialized.add(new PendingCommit.Item(def, args, row, applied.tables()));
        }
        eventlog.insertAll(rows);
        for (UpstreamChange.Confirmed k : c.confirmed()) eventlog.setSyncMetadata(k.seqNum(), k.syncMetadataJson());
        eventlog.setSyncStatus(c.backendHead(), c.backendId());
        // confirmed events can never be rolled back again: their changesets are not needed
        sql.write("DELETE FROM " + SystemTables.SESSION_CHANGESET + " WHERE seqNumGlobal < ?", List.of(c.backendHead()));
        return new Result(written, materialized, unknown);
    }

    private static StoredEvent withSchemaHash(StoredEvent e, long hash) {
        if (e.schemaHash() == hash) return e;
        return new StoredEvent(e.seqNum(), e.parentSeqNum(), e.name(), e.argsJson(), e.clientId(), e.sessionId(), hash,
            e.syncMetadataJson());
    }
}
