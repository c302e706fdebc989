package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.SqliteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One {@link Store#commit} call's events: checked and encoded before any lock is taken, then
 * numbered after the local head and materialized on the session's replica, all or none.
 */
final class SessionCommit {
    private record Prepared(EventDef<?> def, Object args, String argsJson) {}

    private final StoreOptions options;
    private final List<Prepared> prepared;
    private final Event[] events;

    private SessionCommit(StoreOptions options, List<Prepared> prepared, Event[] events) {
        this.options = options;
        this.prepared = prepared;
        this.events = events;
    }

    /** Looks the events up in the schema and round-trips their arguments through JSON (what a replay would see). */
    static SessionCommit prepare(StoreOptions options, Event[] events) {
        List<Prepared> prepared = new ArrayList<>(events.length);
        for (Event e : events) {
            EventDef<?> def = options.schema.event(e.name());
            if (def == null) {
                throw new StoreException(StoreException.Kind.UNKNOWN_EVENT, "unknown event " + e.name() + ": the schema defines "
                    + options.schema.events().keySet());
            }
            String json = e.argsJson() != null ? e.argsJson() : def.encode(e.args());
            Object args = def.decode(json);
            Object forSession = isDocumentSet(options.schema, def) ? withSessionId(args, options.sessionId) : args;
            if (forSession != args || e.argsJson() != null) {
                args = forSession;
                json = def.encode(args);
            }
            prepared.add(new Prepared(def, args, json));
        }
        return new SessionCommit(options, prepared, events);
    }

    /** Whether {@code def} is the derived {@code <name>Set} event of a client-document table. */
    private static boolean isDocumentSet(Schema schema, EventDef<?> def) {
        String name = def.name();
        if (!def.isClientOnly() || !name.endsWith("Set")) return false;
        String table = name.substring(0, name.length() - 3);
        return schema.hasTable(table) && schema.table(table).isClientDocument();
    }

    /**
     * A client document's {@code {id, value}} arguments with {@link Table#SESSION_ID} as the id get
     * the committing session's id (LiveStore's {@code replaceSessionIdSymbol}); other arguments are
     * returned as they are.
     */
    private static Object withSessionId(Object args, String sessionId) {
        if (!(args instanceof java.util.Map<?, ?> m) || !Table.SESSION_ID.equals(m.get("id"))) return args;
        java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>(m);
        out.put("id", sessionId);
        return out;
    }

    /**
     * Numbers the events after {@code head} and materializes them on {@code replica}, all or none;
     * adds the tables written to {@code written}.
     */
    List<PendingCommit.Item> materialize(Replica replica, SeqNum head, Set<String> written) {
        try {
            if (prepared.size() == 1) {
                // the update hook that refuses an undeclared table cannot stop its statement, only fail
                // the call afterwards: the replica leaves out the transaction only where nothing can be refused
                Prepared p = prepared.get(0);
                SeqNum seq = head.next(p.def.isClientOnly());
                return List.of(item(p, head, replica.applyAlone(p.def, p.args, seq), written));
            }
            return replica.transaction(() -> {
                List<PendingCommit.Item> items = new ArrayList<>(prepared.size());
                SeqNum h = head;
                for (Prepared p : prepared) {
                    PendingCommit.Item item = item(p, h, replica.state.apply(p.def, p.args, h.next(p.def.isClientOnly())), written);
                    items.add(item);
                    h = item.event().seqNum();
                }
                return items;
            });
        } catch (SqliteException e) {
            throw new StoreException(StoreException.Kind.MATERIALIZER_FAILED, "commit of " + names() + " failed: " + e.getMessage(), e);
        }
    }

    /** The pending item of {@code p}, materialized after {@code h} as {@code applied}. */
    private PendingCommit.Item item(Prepared p, SeqNum h, StateWriter.Applied applied, Set<String> written) {
        boolean clientOnly = p.def.isClientOnly();
        written.addAll(applied.tables());
        StoredEvent stored = new StoredEvent(h.next(clientOnly), h.parentOfNext(clientOnly), p.def.name(), p.argsJson,
            options.clientId, options.sessionId, p.def.schemaHash(), StoredEvent.NO_SYNC_METADATA);
        return new PendingCommit.Item(p.def, p.args, stored, applied.tables());
    }

    private String names() {
        List<String> n = new ArrayList<>();
        for (Event e : events) n.add(e.name());
        return String.join(", ", n);
    }
}
