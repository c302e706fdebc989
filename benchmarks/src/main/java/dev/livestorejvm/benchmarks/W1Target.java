package dev.livestorejvm.benchmarks;

/**
 * One SQLite implementation under workload W1: an in-memory table {@code t(id INTEGER PRIMARY KEY,
 * name TEXT)} filled, read by key, scanned with LIKE, and updated. Each method is one W1 phase.
 */
interface W1Target extends AutoCloseable {
    /** Drops and re-creates the empty table. */
    void reset() throws Exception;

    /** Inserts rows 1..n ({@code name = "name-" + id}) in one transaction with one prepared statement. */
    void insert(int n) throws Exception;

    /** Selects rows 1..n by primary key, reading both columns; returns a checksum of what was read. */
    long pointSelects(int n) throws Exception;

    /** {@code SELECT sum(id), count(*) FROM t WHERE name LIKE '%7%'}: returns sum + count. */
    long likeScan() throws Exception;

    /** Updates rows 1..n ({@code name = "upd-" + id + "-" + round}) in one transaction. */
    void update(int n, int round) throws Exception;

    @Override
    void close() throws Exception;

    static String name(int id) {
        return "name-" + id;
    }

    String INSERT = "INSERT INTO t(id, name) VALUES (?, ?)";
    String SELECT = "SELECT id, name FROM t WHERE id = ?";
    String LIKE = "SELECT sum(id), count(*) FROM t WHERE name LIKE '%7%'";
    String UPDATE = "UPDATE t SET name = ? WHERE id = ?";
    String CREATE = "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)";
    String DROP = "DROP TABLE IF EXISTS t";

    /** The implementations compared, by the name used in the JMH parameter {@code target}. */
    static W1Target open(String target) throws Exception {
        switch (target) {
            case "livestore": return new EngineTarget(dev.livestorejvm.wasm.ExecutionMode.COMPILED);
            case "interpreted": return new EngineTarget(dev.livestorejvm.wasm.ExecutionMode.INTERPRETED);
            case "native": return JdbcTarget.xerial();
            case "sqlite4j": return JdbcTarget.sqlite4j();
            case "jdbc": return JdbcTarget.livestore();
            default: throw new IllegalArgumentException("unknown target " + target
                + " (livestore, interpreted, native, sqlite4j, jdbc)");
        }
    }

    /**
     * W1's size for a target: 100,000 rows, or {@code -Dw1.rows=N} (for short runs on a busy
     * machine); Chicory's interpreter gets a tenth, or a run would take hours.
     */
    static int rows(String target) {
        int rows = Integer.getInteger("w1.rows", 100_000);
        return "interpreted".equals(target) ? Math.max(10, rows / 10) : rows;
    }
}
