package dev.livestorejvm.sqlite;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up most engine tests share: a runtime, and databases closed after each test. Registered
 * on a static field ({@code @RegisterExtension static final SqliteFixture sqlite = new SqliteFixture()})
 * the runtime lives for the whole class; on an instance field, each test gets a fresh one.
 */
final class SqliteFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Deque<Database> opened = new ArrayDeque<>();
    private SqliteRuntime runtime;
    private boolean perClass;

    @Override
    public void beforeAll(ExtensionContext context) {
        runtime = SqliteRuntime.create();
        perClass = true;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (runtime == null) runtime = SqliteRuntime.create();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        while (!opened.isEmpty()) opened.pop().close();
        if (!perClass) close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void close() {
        if (runtime != null) runtime.close();
        runtime = null;
    }

    SqliteRuntime runtime() {
        return runtime;
    }

    /** A database on this runtime, closed after the test. */
    Database open(String name) {
        Database db = runtime.open(name);
        opened.push(db);
        return db;
    }

    /** A fresh in-memory database, closed after the test. */
    Database memory() {
        return open(":memory:");
    }
}
