package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schemas are SQLite's databases (main, temp, attached), no catalogs: DatabaseMetaData's schema
 * columns and arguments, and Connection.getSchema/setSchema, agree with that.
 */
class SchemasTest {
    private Connection c;
    private DatabaseMetaData md;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:");
        try (Statement s = c.createStatement()) {
            s.execute("create table t(id integer primary key, x text)");
            s.execute("attach ':memory:' as aux");
            s.execute("create table aux.u(id integer primary key, t_id int references u(id), y text)");
            s.execute("create index aux.u_y on u(y)");
            s.execute("create temp table tt(z)");
        }
        md = c.getMetaData();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (String col : columns) b.append(b.length() == 0 ? "" : ":").append(rs.getString(col));
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void databasesAreSchemasAndThereAreNoCatalogs() throws SQLException {
        assertEquals(List.of("aux:null", "main:null", "temp:null"), rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG"));
        assertEquals(List.of("aux"), rows(md.getSchemas(null, "a%"), "TABLE_SCHEM"));
        assertEquals(List.of(), rows(md.getCatalogs(), "TABLE_CAT"));
        assertEquals("main", c.getSchema());
        assertNull(c.getCatalog());
        assertTrue(md.supportsSchemasInTableDefinitions());
        assertFalse(md.supportsCatalogsInTableDefinitions());
    }

    @Test
    void tableRowsNameTheirDatabaseAndSchemaArgumentsSelectIt() throws SQLException {
        String[] user = {"TABLE", "VIEW", "LOCAL TEMPORARY"};
        assertEquals(List.of("temp:tt:LOCAL TEMPORARY", "aux:u:TABLE", "main:t:TABLE"),
            rows(md.getTables(null, null, "%", user), "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
        assertEquals(List.of("aux:u"), rows(md.getTables(null, "aux", "%", user), "TABLE_SCHEM", "TABLE_NAME"));
        assertEquals(List.of("main:t"), rows(md.getTables(null, "", "%", user), "TABLE_SCHEM", "TABLE_NAME"), "\"\" is main");
        assertEquals(List.of(), rows(md.getTables(null, "nosuch", "%", null), "TABLE_NAME"));
        assertEquals(List.of(), rows(md.getTables("main", null, "%", null), "TABLE_NAME"), "no catalogs: a catalog matches nothing");
        assertEquals(List.of("aux:u:id", "aux:u:t_id", "aux:u:y"), rows(md.getColumns(null, "aux", "u", "%"),
            "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME"));
        assertEquals(List.of("temp:tt:z"), rows(md.getColumns(null, null, "tt", "%"), "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME"));
    }

    @Test
    void keysAndIndexesOfAnAttachedDatabase() throws SQLException {
        assertEquals(List.of("aux:id"), rows(md.getPrimaryKeys(null, "aux", "u"), "TABLE_SCHEM", "COLUMN_NAME"));
        assertEquals(List.of("aux:id"), rows(md.getPrimaryKeys(null, null, "u"), "TABLE_SCHEM", "COLUMN_NAME"),
            "no schema: where SQLite would find the table");
        assertEquals(List.of(), rows(md.getPrimaryKeys(null, "main", "u"), "COLUMN_NAME"));
        assertEquals(List.of("aux:u:aux:u:t_id"), rows(md.getImportedKeys(null, "aux", "u"),
            "PKTABLE_SCHEM", "PKTABLE_NAME", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME"));
        assertEquals(List.of("aux:u_y:y"), rows(md.getIndexInfo(null, "aux", "u", false, false), "TABLE_SCHEM", "INDEX_NAME",
            "COLUMN_NAME").subList(0, 1));
    }

    @Test
    void setSchemaAcceptsMainAndRefusesWhatItCannotHonour() throws SQLException {
        c.setSchema("main");
        c.setSchema("MAIN");
        c.setSchema(null);
        assertEquals("main", c.getSchema());
        assertThrows(SQLFeatureNotSupportedException.class, () -> c.setSchema("aux"),
            "unqualified names resolve as SQLite resolves them: no setting changes that");
        SQLException e = assertThrows(SQLException.class, () -> c.setSchema("nosuch"));
        assertEquals("3F000", e.getSQLState());
        c.setCatalog("anything");   // JDBC: ignored where catalogs are not supported
        assertNull(c.getCatalog());
    }
}
