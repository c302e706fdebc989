package dev.livestorejvm.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livestorejvm.sqlite.Changeset;
import dev.livestorejvm.sqlite.ConflictHandler;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.Session;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;

/**
 * The session steps of one script on the JVM, through the engine's Session API, recording what
 * runner.mjs records from the JS API's session_* and changeset_* calls. Inversion runs in the binary
 * ({@link SqliteRuntime#invertChangeset}), as the JS API's does.
 */
final class SessionSteps implements AutoCloseable {
    private final SqliteRuntime runtime;
    private Session session;
    private Changeset changeset;

    SessionSteps(SqliteRuntime runtime) {
        this.runtime = runtime;
    }

    ObjectNode step(Database db, Script.Step step) {
        ObjectNode r = Script.JSON.createObjectNode().put("session", step.action());
        switch (step.action()) {
            case "start":
                close();
                session = db.createSession("main");
                if (step.tables() == null) session.attach(null);
                else step.tables().forEach(session::attach);
                session.enable(true);
                break;
            case "changeset":
                changeset = session.changeset();
                r.put("bytes", Param.HEX.formatHex(changeset.bytes()));
                break;
            case "invert":
                changeset = changeset.isEmpty() ? changeset : runtime.invertChangeset(changeset);
                r.put("bytes", Param.HEX.formatHex(changeset.bytes()));
                break;
            case "apply":
                try {
                    db.applyChangeset(changeset, ConflictHandler.REPLACE_OR_OMIT);
                    r.put("rc", 0);
                } catch (SqliteException e) {
                    r.put("rc", e.extendedCode());
                }
                break;
            case "end":
                close();
                break;
            default:
                throw new IllegalArgumentException("unknown session action " + step.action());
        }
        return r;
    }

    @Override
    public void close() {
        if (session != null) session.close();
        session = null;
    }
}
