package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DatabaseMetaData as introspecting tools read it, ResultSetMetaData and ParameterMetaData. */
class MetaDataTest {
    static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) out.add(rs.getString(name));
        return out;
    }

    @Test
    void tablesViewsColumnsKeysIndexesAndTypes() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:")) {
            c.createStatement().execute("create table author(id integer primary key, name varchar(40) not null default 'anon');"
                + "create table book(id integer primary key autoincrement, author_id int references author(id) on delete cascade,"
                + " price decimal(10,2), title text, created timestamp default current_timestamp, unique(title, author_id));"
                + "create index book_price on book(price desc);"
                + "create view cheap as select title from book where price < 10;"
                + "create table pair(a int, b int, primary key (b, a)) without rowid;"
                + "create table child(x, y, foreign key (x, y) references pair);");
            DatabaseMetaData md = c.getMetaData();
            assertEquals("SQLite", md.getDatabaseProductName());
            assertTrue(md.getDatabaseProductVersion().startsWith("3."));
            assertEquals("\"", md.getIdentifierQuoteString());
            assertTrue(md.supportsSavepoints() && md.supportsGetGeneratedKeys() && md.supportsBatchUpdates());
            assertFalse(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
            assertFalse(md.supportsStoredProcedures());

            assertEquals(List.of("author", "book", "child", "pair"), column(md.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME"));
            assertEquals(List.of("cheap"), column(md.getTables(null, null, null, new String[] {"VIEW"}), "TABLE_NAME"));
            assertEquals(List.of("book"), column(md.getTables(null, null, "BO_K", null), "TABLE_NAME"));
            assertTrue(column(md.getTableTypes(), "TABLE_TYPE").containsAll(List.of("TABLE", "VIEW")));

            try (ResultSet rs = md.getColumns(null, null, "book", "%")) {
                assertTrue(rs.next());
                assertEquals("id", rs.getString("COLUMN_NAME"));
                assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
                assertEquals("YES", rs.getString("IS_AUTOINCREMENT"));
                assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
                assertTrue(rs.next());
                assertEquals("author_id", rs.getString("COLUMN_NAME"));
                assertEquals("NO", rs.getString("IS_AUTOINCREMENT"));
                assertEquals("YES", rs.getString("IS_NULLABLE"));
                assertTrue(rs.next());
                assertEquals(Types.DECIMAL, rs.getInt("DATA_TYPE"));
                assertEquals(10, rs.getInt("COLUMN_SIZE"));
                assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
                assertTrue(rs.next());
                assertEquals("title", rs.getString("COLUMN_NAME"));
                assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
                assertTrue(rs.next());
                assertEquals(Types.TIMESTAMP, rs.getInt("DATA_TYPE"));
                assertEquals("current_timestamp", rs.getString("COLUMN_DEF"));
                assertEquals(5, rs.getInt("ORDINAL_POSITION"));
                assertFalse(rs.next());
            }
            try (ResultSet rs = md.getColumns(null, null, "author", "name")) {
                assertTrue(rs.next());
                assertEquals("varchar(40)", rs.getString("TYPE_NAME"));
                assertEquals(40, rs.getInt("COLUMN_SIZE"));
                assertEquals("'anon'", rs.getString("COLUMN_DEF"));
                assertEquals("NO", rs.getString("IS_NULLABLE"));
            }
            try (ResultSet rs = md.getPrimaryKeys(null, null, "pair")) {
                assertTrue(rs.next());
                assertEquals("a", rs.getString("COLUMN_NAME"));
                assertEquals(2, rs.getInt("KEY_SEQ"));
                assertTrue(rs.next());
                assertEquals("b", rs.getString("COLUMN_NAME"));
                assertEquals(1, rs.getInt("KEY_SEQ"));
            }
            try (ResultSet rs = md.getImportedKeys(null, null, "book")) {
                assertTrue(rs.next());
                assertEquals("author", rs.getString("PKTABLE_NAME"));
                assertEquals("id", rs.getString("PKCOLUMN_NAME"));
                assertEquals("author_id", rs.getString("FKCOLUMN_NAME"));
                assertEquals(DatabaseMetaData.importedKeyCascade, rs.getInt("DELETE_RULE"));
                assertEquals(DatabaseMetaData.importedKeyNoAction, rs.getInt("UPDATE_RULE"));
                assertFalse(rs.next());
            }
            // REFERENCES pair without columns: pair's primary key, in key order
            assertEquals(List.of("b", "a"), column(md.getImportedKeys(null, null, "child"), "PKCOLUMN_NAME"));
            assertEquals(List.of("book"), column(md.getExportedKeys(null, null, "author"), "FKTABLE_NAME"));
            assertEquals(List.of("child", "child"), column(md.getCrossReference(null, null, "pair", null, null, "child"), "FKTABLE_NAME"));
            try (ResultSet rs = md.getIndexInfo(null, null, "book", false, false)) {
                List<String> seen = new ArrayList<>();
                while (rs.next()) seen.add(rs.getBoolean("NON_UNIQUE") + ":" + rs.getString("INDEX_NAME") + ":" + rs.getString("COLUMN_NAME")
                    + ":" + rs.getString("ASC_OR_DESC"));
                assertEquals(List.of("false:sqlite_autoindex_book_1:title:A", "false:sqlite_autoindex_book_1:author_id:A",
                    "true:book_price:price:D"), seen);
            }
            assertEquals(1, column(md.getIndexInfo(null, null, "book", true, false), "INDEX_NAME").stream().distinct().count());
            List<String> types = column(md.getTypeInfo(), "TYPE_NAME");
            assertTrue(types.containsAll(List.of("INTEGER", "TEXT", "BLOB", "REAL", "NUMERIC")));
            assertEquals(List.of("main"), column(md.getSchemas(), "TABLE_SCHEM"), "no temp object yet, nothing attached");
            assertFalse(md.getProcedures(null, null, "%").next());
            assertEquals("PROCEDURE_NAME", md.getProcedures(null, null, "%").getMetaData().getColumnName(3));
        }
    }

    @Test
    void resultSetAndParameterMetaData() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:")) {
            c.createStatement().execute("create table t(i int, r real, s text, b blob, n)");
            c.createStatement().execute("insert into t values (1, 1.5, 'x', x'01', null)");
            try (PreparedStatement ps = c.prepareStatement("select i, r, s, b, n, i * 3000000000 as big from t where i = :id and s <> ?")) {
                ParameterMetaData pm = ps.getParameterMetaData();
                assertEquals(2, pm.getParameterCount());
                ResultSetMetaData before = ps.getMetaData();
                assertEquals(6, before.getColumnCount());
                assertEquals("big", before.getColumnLabel(6));
                ps.setInt(1, 1);
                ps.setString(2, "y");
                assertEquals(Types.VARCHAR, ps.getParameterMetaData().getParameterType(2));
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData m = rs.getMetaData();
                    assertEquals(Types.INTEGER, m.getColumnType(1));
                    assertEquals(Types.REAL, m.getColumnType(2));
                    assertEquals("TEXT", m.getColumnTypeName(3));
                    assertEquals(Types.BLOB, m.getColumnType(4));
                    assertEquals(Types.NULL, m.getColumnType(5));
                    assertEquals(Long.class.getName(), m.getColumnClassName(6));
                    assertEquals(Integer.class.getName(), m.getColumnClassName(1));
                    assertThrows(SQLException.class, () -> m.getColumnType(7));
                }
            }
        }
    }

    /**
     * The binary has no sqlite3_column_decltype (SQLITE_OMIT_DECLTYPE) nor column metadata:
     * result-set metadata reports the stored values' classes; DatabaseMetaData has the declarations.
     */
    @Test
    void resultSetMetaDataReportsStorageClassesNotDeclaredTypes() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:")) {
            c.createStatement().execute("create table d(day DATE, price DECIMAL(10,2), n INTEGER NOT NULL)");
            try (PreparedStatement ps = c.prepareStatement("insert into d values (?, ?, 3)")) {
                ps.setDate(1, java.sql.Date.valueOf("2026-12-02"));   // stored as epoch milliseconds
                ps.setString(2, "12.50");                               // NUMERIC affinity: stored as REAL 12.5
                ps.executeUpdate();
            }
            try (ResultSet rs = c.createStatement().executeQuery("select day, price, n from d")) {
                ResultSetMetaData m = rs.getMetaData();
                assertEquals(Types.INTEGER, m.getColumnType(1), "DATE holding epoch ms: its storage class");
                assertEquals("REAL", m.getColumnTypeName(2), "not DECIMAL(10,2)");
                assertEquals(Types.INTEGER, m.getColumnType(3));
                assertEquals("", m.getTableName(1), "no column metadata in this build");
                assertEquals(ResultSetMetaData.columnNullableUnknown, m.isNullable(3));
            }
            try (ResultSet rs = c.createStatement().executeQuery("select day from d where 0")) {
                assertEquals(Types.NULL, rs.getMetaData().getColumnType(1), "no row: no value to tell the type");
            }
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("DATE", "DECIMAL(10,2)", "INTEGER"), column(md.getColumns(null, null, "d", "%"), "TYPE_NAME"));
        }
    }
}
