package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livestorejvm.sqlite.SqliteRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many SQLite statements the store runs per event on the paths of issue 21's cold targets (a
 * fresh JVM runs every one of them in interpreted wasm): a single-event commit on the session's
 * replica and on the leader, and a confirmed event of a catch-up. Counted once the tables are
 * calibrated ({@link InsertCapture}) and every statement is prepared.
 */
class StatementsPerEventTest {
    static final int WARM = 5;
    static final int COUNTED = 20;

    @TempDir
    Path base;

    StoreOptions options(String dir) {
        return StoreOptions.builder(Todos.schema()).directory(base.resolve(dir)).clientId("me").sessionId("s").build();
    }

    static Event created(int i) {
        return CREATED.of(new TodoCreated("t" + i, "todo " + i));
    }

    /** Statements run and prepared by {@code events} single-event commits, on the replica and on the leader. */
    record Counts(long replicaRuns, long replicaPrepares, long leaderRuns, long leaderPrepares) {}

    @Test
    void aSingleInsertCommitRunsOneStatementOnTheReplicaAndFourOnTheLeader() {
        StoreOptions o = options("commits");
        try (SqliteRuntime runtime = SqliteRuntime.create(); LeaderDatabase leader = new LeaderDatabase(Boot.open(runtime, o))) {
            StatementCache leaderSql = leader.read(s -> s);
            try (Replica replica = Replica.load(runtime, o.schema, leader.snapshot().image())) {
                SeqNum head = SeqNum.ROOT;
                for (int i = 0; i < WARM; i++) head = commit(o, replica, leader, head, i);
                long r0 = replica.sql.runs(), rp0 = replica.sql.prepares(), l0 = leaderSql.runs(), lp0 = leaderSql.prepares();
                for (int i = WARM; i < WARM + COUNTED; i++) head = commit(o, replica, leader, head, i);
                Counts c = new Counts(replica.sql.runs() - r0, replica.sql.prepares() - rp0, leaderSql.runs() - l0,
                    leaderSql.prepares() - lp0);
                // replica: the INSERT alone; leader (one commit per transaction here): BEGIN IMMEDIATE, the
                // state INSERT, the read-back of its row, the changeset row, the eventlog row, COMMIT
                assertEquals(new Counts(COUNTED, 0, 6L * COUNTED, 0), c);
                assertEquals((long) WARM + COUNTED, (long) leader.read(s -> (Long) s.values("SELECT count(*) FROM todos", List.of()).get(0)[0]));
            }
        }
    }

    static SeqNum commit(StoreOptions o, Replica replica, LeaderDatabase leader, SeqNum head, int i) {
        List<PendingCommit.Item> items = SessionCommit.prepare(o, new Event[] {created(i)}).materialize(replica, head, new HashSet<>());
        leader.persist(List.of(new PendingCommit(i, null, items)));
        return items.get(items.size() - 1).event().seqNum();
    }

    @Test
    void aConfirmedPulledEventRunsTwoStatements() {
        StoreOptions o = options("pulled");
        try (SqliteRuntime runtime = SqliteRuntime.create(); LeaderDatabase leader = new LeaderDatabase(Boot.open(runtime, o))) {
            StatementCache sql = leader.read(s -> s);
            int warm = 32 + 8 + 1;   // every size of eventlog insert prepared
            pull(leader, 0, warm);
            long r0 = sql.runs(), p0 = sql.prepares();
            pull(leader, warm, COUNTED);
            // per burst: BEGIN IMMEDIATE, the sync status, the changeset trim, COMMIT, the eventlog rows (two
            // inserts of 8 rows and four of one: COUNTED = 20); per event: the state insert
            assertEquals(4 + 6 + (long) COUNTED, sql.runs() - r0);
            assertEquals(0, sql.prepares() - p0);
        }
    }

    static void pull(LeaderDatabase leader, int from, int n) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            events.add(new StoredEvent(new SeqNum(i + 1, 0, 0), new SeqNum(i, 0, 0), CREATED.name(),
                "{\"id\":\"p" + i + "\",\"text\":\"pulled " + i + "\"}", "other", "s-other", CREATED.schemaHash(), StoredEvent.NO_SYNC_METADATA));
        }
        leader.applyUpstream(new UpstreamChange(List.of(), events, List.of(), from + n + 1, "backend"), Todos.schema());
    }
}
