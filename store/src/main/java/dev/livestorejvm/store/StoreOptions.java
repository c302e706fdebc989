package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.SqliteRuntime;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * How to open a {@link Store}: its schema, where its files live ({@link Builder#directory}) or
 * {@link Builder#inMemory()}, its store id, and the client and session ids written into each event.
 */
public final class StoreOptions {
    final Schema schema;
    final Path baseDirectory;
    final String storeId;
    final String clientId;
    final String sessionId;
    final SqliteRuntime runtime;
    final boolean synchronousCommits;
    /** How the store syncs, or null: local only. */
    final SyncOptions sync;

    private StoreOptions(Builder b) {
        this.schema = Objects.requireNonNull(b.schema, "schema");
        this.baseDirectory = b.baseDirectory;
        this.storeId = b.storeId;
        this.clientId = b.clientId;
        this.sessionId = b.sessionId;
        this.runtime = b.runtime;
        this.synchronousCommits = b.synchronousCommits;
        if (!b.inMemory && baseDirectory == null) throw new IllegalArgumentException("give a directory or choose inMemory()");
        if (storeId.isEmpty() || storeId.contains("/") || storeId.contains("\\") || storeId.startsWith(".")) {
            throw new IllegalArgumentException("store id must be a plain file name, got '" + storeId + "'");
        }
        this.sync = b.sync;
    }

    public static Builder builder(Schema schema) {
        return new Builder(schema);
    }

    public boolean inMemory() {
        return baseDirectory == null;
    }

    /** {@code <base>/<storeId>}, or null in memory. */
    public Path storeDirectory() {
        return baseDirectory == null ? null : baseDirectory.resolve(storeId);
    }

    public static final class Builder {
        private final Schema schema;
        private SyncOptions sync;
        private Path baseDirectory;
        private boolean inMemory;
        private String storeId = "default";
        private String clientId = UUID.randomUUID().toString().substring(0, 8);
        private String sessionId = UUID.randomUUID().toString().substring(0, 8);
        private SqliteRuntime runtime;
        private boolean synchronousCommits;

        private Builder(Schema schema) {
            this.schema = schema;
        }

        /** Files under {@code <base>/<storeId>/}, created if missing. */
        public Builder directory(Path base) {
            this.baseDirectory = Objects.requireNonNull(base, "base");
            this.inMemory = false;
            return this;
        }

        /** Nothing on disk: for tests and ephemeral use. Sessions opened with the same options object share the store. */
        public Builder inMemory() {
            this.baseDirectory = null;
            this.inMemory = true;
            return this;
        }

        public Builder storeId(String storeId) {
            this.storeId = Objects.requireNonNull(storeId, "storeId");
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
            return this;
        }

        /**
         * Runs the store's leader and sessions on this runtime (not closed by the store). By default
         * the store creates two and owns them: one for the leader's files, one for the sessions'
         * replicas, so that the leader's syncs never hold up a session's reads.
         */
        public Builder runtime(SqliteRuntime runtime) {
            this.runtime = runtime;
            return this;
        }

        /**
         * With true, each {@link Store#commit} returns only once its events are on disk (one
         * transaction per commit, unless several sessions commit at once). By default a commit
         * returns once materialized in the session and the leader persists in batches; call
         * {@link Store#flush()} to wait.
         */
        public Builder synchronousCommits(boolean synchronous) {
            this.synchronousCommits = synchronous;
            return this;
        }

        /** Syncs the store with a backend; see {@link SyncOptions}. Without it the store is local only. */
        public Builder sync(SyncOptions sync) {
            this.sync = sync;
            return this;
        }

        public StoreOptions build() {
            return new StoreOptions(this);
        }
    }
}
