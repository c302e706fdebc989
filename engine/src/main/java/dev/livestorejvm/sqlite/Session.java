package dev.livestorejvm.sqlite;

import static dev.livestorejvm.sqlite.ResultCode.SQLITE_MISUSE;

import dev.livestorejvm.wasm.SessionApi;
import java.util.function.Supplier;

/**
 * A session of SQLite's session extension on one schema of a {@link Database}: it records the
 * changes to the attached tables, to be taken as a {@link Changeset}. Closing the database
 * closes its sessions.
 */
public final class Session implements AutoCloseable {
    private final Database db;
    private final String schema;
    private final int handle;
    private boolean closed;

    Session(Database db, String schema, int handle) {
        this.db = db;
        this.schema = schema;
        this.handle = handle;
    }

    public String schema() {
        return schema;
    }

    /** Records changes to {@code table} (which need not exist yet), or to every table if null. */
    public Session attach(String table) {
        locked(() -> {
            int rc = api().sessionAttach(handle, table);
            if (rc != 0) throw db.error(rc, null);
            return null;
        });
        return this;
    }

    /** Pauses (false) or resumes (true) recording. */
    public Session enable(boolean on) {
        locked(() -> api().sessionEnable(handle, on ? 1 : 0));
        return this;
    }

    public boolean isEnabled() {
        return locked(() -> api().sessionEnable(handle, -1) != 0);
    }

    /** The changes recorded so far (empty if none); recording goes on. */
    public Changeset changeset() {
        return locked(() -> {
            SessionApi.Bytes out = api().sessionChangeset(handle);
            if (out.rc() != 0) throw db.error(out.rc(), null);
            return Changeset.wrap(out.data());
        });
    }

    public boolean isClosed() {
        return closed;
    }

    /** Deletes the session. Closing twice is harmless. */
    @Override
    public void close() {
        db.runtime.locked(() -> {
            if (closed) return null;
            db.checkNotInCallback();
            delete();
            db.forget(this);
            return null;
        });
    }

    /** Called with the lock held, by {@link #close()} and when the database closes. */
    void delete() {
        if (closed) return;
        closed = true;
        if (!db.module.failed()) api().sessionDelete(handle);
    }

    private SessionApi api() {
        return db.module.sessions();
    }

    private <T> T locked(Supplier<T> body) {
        return db.locked(() -> {
            if (closed) throw new SqliteException(SQLITE_MISUSE, "session is closed", null, -1, db.name(), null);
            return body.get();
        });
    }
}
