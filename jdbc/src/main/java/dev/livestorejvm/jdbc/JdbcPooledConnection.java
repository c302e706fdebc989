package dev.livestorejvm.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.PooledConnection;
import javax.sql.StatementEvent;
import javax.sql.StatementEventListener;

/**
 * One physical connection kept by a pool, handing out one logical connection at a time (JDBC 4.3
 * §11): asking for a new one closes the previous. Logical connections, their statements, result
 * sets and metadata are proxies that answer {@code getConnection()}/{@code getStatement()} with the
 * logical objects, so nothing reaches the physical connection after the logical one is closed.
 * Events: {@code connectionClosed} when a logical connection closes; {@code connectionErrorOccurred}
 * when the physical connection can no longer be used (closed under the pool, aborted, or failed
 * with a connection-class SQLState 08); {@code statementClosed} when a prepared statement closes
 * (statements are not cached, so no {@code statementErrorOccurred} is ever due).
 */
final class JdbcPooledConnection implements PooledConnection {
    private final JdbcConnection physical;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<StatementEventListener> statementListeners = new CopyOnWriteArrayList<>();
    private Logical current;
    private boolean closed;

    JdbcPooledConnection(JdbcConnection physical) {
        this.physical = physical;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (closed || physical.isClosed()) throw Errors.closed("connection");
        if (current != null) current.close(false);
        current = new Logical();
        return current.connection;
    }

    @Override
    public synchronized void close() throws SQLException {
        if (closed) return;
        closed = true;
        if (current != null) current.invalidate();
        physical.close();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        if (listener != null) listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void addStatementEventListener(StatementEventListener listener) {
        if (listener != null) statementListeners.add(listener);
    }

    @Override
    public void removeStatementEventListener(StatementEventListener listener) {
        statementListeners.remove(listener);
    }

    private void fireClosed() {
        ConnectionEvent event = new ConnectionEvent(this);
        for (ConnectionEventListener l : listeners) l.connectionClosed(event);
    }

    private void fireError(SQLException e) {
        ConnectionEvent event = new ConnectionEvent(this, e);
        for (ConnectionEventListener l : listeners) l.connectionErrorOccurred(event);
    }

    /** True when the physical connection is unusable after {@code e}: the pool must drop it. */
    private boolean fatal(SQLException e) {
        String state = e.getSQLState();
        return physical.isClosed() || (state != null && state.startsWith("08") && !state.equals("08003"));
    }

    /** One logical connection and the proxies made under it. */
    private final class Logical {
        final Connection connection;
        private final Set<Statement> statements = Collections.newSetFromMap(new IdentityHashMap<>());
        private volatile boolean closed;

        Logical() {
            connection = proxy(Connection.class, physical, new ConnectionHandler());
        }

        /** Closes this logical connection: the physical one is made ready for the next user. */
        void close(boolean notify) throws SQLException {
            synchronized (JdbcPooledConnection.this) {
                if (closed) return;
                closed = true;
                if (current == this) current = null;
            }
            SQLException failure = null;
            try {
                List<Statement> open;
                synchronized (statements) {
                    open = new ArrayList<>(statements);
                    statements.clear();
                }
                for (Statement s : open) s.close();
                if (!physical.isClosed()) {
                    if (!physical.getAutoCommit()) {
                        physical.rollback();
                        physical.setAutoCommit(true);
                    }
                    physical.clearWarnings();
                }
            } catch (SQLException e) {
                failure = e;
            }
            if (failure != null && fatal(failure)) {
                fireError(failure);
                throw failure;
            }
            if (notify) fireClosed();
            if (failure != null) throw failure;
        }

        /** The physical connection closes: this logical one is closed too, without events. */
        void invalidate() {
            closed = true;
        }

        private Object call(Object target, Method m, Object[] args) throws Throwable {
            if (closed) throw Errors.closed("connection");
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable t = e.getCause();
                if (t instanceof SQLException && fatal((SQLException) t)) fireError((SQLException) t);
                throw t;
            }
        }

        /** Wraps what a call returned so that it leads back to the logical objects. */
        private Object wrap(Object result, Class<?> type, Object parent) {
            if (result instanceof Statement && Statement.class.isAssignableFrom(type)) {
                Statement s = (Statement) result;
                Object p = proxy(type, s, new StatementHandler(s));
                synchronized (statements) {
                    statements.add(s);
                }
                return p;
            }
            if (result instanceof ResultSet && type == ResultSet.class) return proxy(type, result, new ChildHandler(result, parent));
            if (result instanceof DatabaseMetaData) return proxy(type, result, new ChildHandler(result, connection));
            return result;
        }

        private final class ConnectionHandler implements InvocationHandler {
            @Override
            public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
                switch (m.getName()) {
                    case "close":
                        Logical.this.close(true);
                        return null;
                    case "isClosed":
                        return closed || physical.isClosed();
                    case "isValid":
                        if (closed) return false;
                        break;
                    case "abort": {
                        if (closed) return null;
                        closed = true;
                        physical.abort((Executor) args[0]);
                        fireError(new SQLException("the connection was aborted", "08006"));
                        return null;
                    }
                    case "toString":
                        return "logical connection of " + physical + (closed ? " (closed)" : "");
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    case "unwrap":
                    case "isWrapperFor":
                        if (((Class<?>) args[0]).isInstance(proxy)) return m.getName().equals("unwrap") ? proxy : true;
                        break;
                    default:
                        break;
                }
                return wrap(call(physical, m, args), m.getReturnType(), proxy);
            }
        }

        /** Statements: getConnection answers the logical connection; closing one forgets it and tells statement listeners. */
        private final class StatementHandler implements InvocationHandler {
            private final Statement target;

            StatementHandler(Statement target) {
                this.target = target;
            }

            @Override
            public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
                switch (m.getName()) {
                    case "getConnection":
                        if (closed) throw Errors.closed("connection");
                        return connection;
                    case "close": {
                        boolean wasOpen = !target.isClosed();
                        target.close();
                        synchronized (statements) {
                            statements.remove(target);
                        }
                        if (wasOpen && target instanceof PreparedStatement) {
                            StatementEvent event = new StatementEvent(JdbcPooledConnection.this, (PreparedStatement) proxy);
                            for (StatementEventListener l : statementListeners) l.statementClosed(event);
                        }
                        return null;
                    }
                    case "isClosed":
                        return closed || target.isClosed();
                    case "toString":
                        return target.toString();
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    default:
                        break;
                }
                return wrap(call(target, m, args), m.getReturnType(), proxy);
            }
        }

        /** Result sets and metadata: getStatement/getConnection answer the logical objects. */
        private final class ChildHandler implements InvocationHandler {
            private final Object target;
            private final Object parent;

            ChildHandler(Object target, Object parent) {
                this.target = target;
                this.parent = parent;
            }

            @Override
            public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
                switch (m.getName()) {
                    case "getStatement":
                        if (target instanceof ResultSet) {
                            Object s = call(target, m, args);
                            return s == null ? null : parent instanceof Statement ? parent : s;
                        }
                        break;
                    case "getConnection":
                        if (target instanceof DatabaseMetaData) {
                            if (closed) throw Errors.closed("connection");
                            return connection;
                        }
                        break;
                    case "close":
                    case "isClosed":
                        try {
                            return m.invoke(target, args);   // closing a result set of a closed connection is harmless
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    case "toString":
                        return target.toString();
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    default:
                        break;
                }
                return wrap(call(target, m, args), m.getReturnType(), proxy);
            }
        }
    }

    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(JdbcPooledConnection.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
