package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.sqlite.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * With auto-commit off the driver remembers that its transaction is open while only DML and
 * queries run (so it need not ask SQLite before each). Whatever else ends the transaction (SQL
 * text, a conflict that rolls it back, the application's own use of the Database) must make the
 * next statement begin a new one, which rollback() then undoes.
 */
class TransactionStateTest {
    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:");
        try (Statement s = c.createStatement()) {
            s.execute("create table t(id integer primary key)");
        }
        c.setAutoCommit(false);
        return c;
    }

    @Test
    void aCommitRunAsSqlEndsTheTransactionTheNextInsertBeginsAnother() throws SQLException {
        try (Connection c = open(); PreparedStatement ins = c.prepareStatement("insert into t values (?)")) {
            ins.setInt(1, 1);
            ins.executeUpdate();
            try (PreparedStatement commit = c.prepareStatement("COMMIT")) {
                commit.executeUpdate();
            }
            ins.setInt(1, 2);
            ins.executeUpdate();
            c.rollback();
            assertEquals(1, count(c), "row 2 was in a new transaction, rolled back");
            try (Statement s = c.createStatement()) {
                ins.setInt(1, 3);
                ins.executeUpdate();
                s.execute("commit");
            }
            ins.setInt(1, 4);
            ins.executeUpdate();
            c.rollback();
            assertEquals(2, count(c));
        }
    }

    @Test
    void aConflictThatRollsTheTransactionBackIsNoticed() throws SQLException {
        try (Connection c = open(); PreparedStatement ins = c.prepareStatement("insert or rollback into t values (?)")) {
            ins.setInt(1, 1);
            ins.executeUpdate();
            assertThrows(SQLException.class, ins::executeUpdate, "the same key: OR ROLLBACK ends the transaction");
            ins.setInt(1, 2);
            ins.executeUpdate();
            c.rollback();
            assertEquals(0, count(c), "row 2 was in a new transaction that rollback() undid");
        }
    }

    @Test
    void theApplicationsOwnUseOfTheDatabaseIsNoticed() throws SQLException {
        try (Connection c = open(); PreparedStatement ins = c.prepareStatement("insert into t values (?)")) {
            Database db = c.unwrap(Database.class);
            ins.setInt(1, 1);
            ins.executeUpdate();
            db.exec("COMMIT");
            ins.setInt(1, 2);
            ins.executeUpdate();
            c.rollback();
            assertEquals(1, count(c));
        }
    }
}
