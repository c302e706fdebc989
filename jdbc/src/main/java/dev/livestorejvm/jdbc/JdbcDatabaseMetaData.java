package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.Statement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What tools introspect: tables, views, columns, keys, indexes and types, read from
 * {@code sqlite_schema} and SQLite's table-valued pragmas ({@code pragma_table_xinfo},
 * {@code pragma_index_list}, {@code pragma_foreign_key_list}, ...).
 *
 * <p>Schemas are SQLite's databases, by the names SQL qualifies tables with: {@code main},
 * {@code temp} (once the connection has made a temporary object) and each attached database, as
 * {@code PRAGMA database_list} lists them. Rows carry that name in their {@code *_SCHEM} column;
 * a schema pattern selects databases (null: all; "": {@code main}, for callers that mean "the
 * default"). SQLite has no catalogs: catalog columns are null, and a catalog argument other than
 * null or "" matches nothing. (xerial's driver reports null schemas and describes {@code main}
 * and {@code temp} only; see the README.)
 */
final class JdbcDatabaseMetaData extends DatabaseFeatures {
    private final JdbcConnection conn;

    JdbcDatabaseMetaData(JdbcConnection conn) {
        this.conn = conn;
    }

    @Override
    public Connection getConnection() {
        return conn;
    }

    @Override
    public String getURL() {
        return conn.config.url;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return conn.isReadOnly() || conn.db.readOnly();
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        return version();
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        return Integer.parseInt(version().split("\\.")[0]);
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        return Integer.parseInt(version().split("\\.")[1]);
    }

    private String version() throws SQLException {
        return (String) rows("SELECT sqlite_version()").get(0)[0];
    }

    // ---- the engine, under the connection's lock ----

    private List<Object[]> rows(String sql, Object... args) throws SQLException {
        conn.lock.lock();
        try {
            conn.checkOpen();
            conn.txKnownOpen = false;   // reads only, but a failed read may roll a transaction back
            Database db = conn.db;
            return conn.retryBusy(() -> {
                try (Statement st = db.prepare(sql)) {
                    st.bindAll(args);
                    List<Object[]> out = new ArrayList<>();
                    int n = st.columnCount();
                    while (st.step()) {
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) row[i] = st.getObject(i);
                        out.add(row);
                    }
                    return out;
                }
            });
        } finally {
            conn.lock.unlock();
        }
    }

    private ResultSet result(List<String> columns, List<Object[]> rows) {
        return new JdbcResultSet(conn, new RowsCursor(columns, rows));
    }

    private ResultSet empty(String... columns) {
        return result(List.of(columns), List.of());
    }

    /** JDBC's search patterns: % and _ with backslash escapes, null matches all; names compare case-insensitively as SQLite's do. */
    static boolean matches(String pattern, String value) {
        if (pattern == null) return true;
        if (value == null) return false;
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            else if (c == '%') re.append(".*");
            else if (c == '_') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }

    /** The databases (schemas) of this connection, in SQLite's order: main, temp if open, attached ones. */
    List<String> databases() throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object[] r : rows("SELECT name FROM pragma_database_list ORDER BY seq")) out.add((String) r[0]);
        return out;
    }

    /** The databases a catalog and schema pattern select: see the class comment. */
    private List<String> schemas(String catalog, String schemaPattern) throws SQLException {
        if (catalog != null && !catalog.isEmpty()) return List.of();
        if (schemaPattern != null && schemaPattern.isEmpty()) return List.of("main");
        List<String> out = new ArrayList<>();
        for (String db : databases()) if (matches(schemaPattern, db)) out.add(db);
        return out;
    }

    /**
     * The database holding {@code table} for the methods that take a schema name, not a pattern
     * (keys, indexes): that database if named (case-insensitively), else the first of main, temp,
     * attached ones that has the table, as SQLite resolves an unqualified name; null if none has it.
     */
    private String schemaOf(String catalog, String schema, String table) throws SQLException {
        if (catalog != null && !catalog.isEmpty()) return null;
        List<String> candidates = new ArrayList<>();
        for (String db : databases()) {
            if (schema == null || (schema.isEmpty() ? db.equals("main") : db.equalsIgnoreCase(schema))) candidates.add(db);
        }
        if (candidates.remove("temp")) candidates.add(0, "temp");   // SQLite looks in temp first
        for (String db : candidates) {
            if (!rows("SELECT 1 FROM " + JdbcConnection.quote(db) + ".sqlite_schema WHERE type IN ('table', 'view')"
                + " AND name = ? COLLATE NOCASE", table).isEmpty()) return db;
        }
        return null;
    }

    /** Tables and views of database {@code db} matching {@code pattern}: name, type, sql. */
    private List<Object[]> tables(String db, String pattern) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows("SELECT name, type, sql FROM " + JdbcConnection.quote(db)
            + ".sqlite_schema WHERE type IN ('table', 'view') ORDER BY name")) {
            if (matches(pattern, (String) r[0])) out.add(r);
        }
        if (matches(pattern, "sqlite_schema")) out.add(new Object[] {"sqlite_schema", "table", null});
        return out;
    }

    private static String tableType(String db, Object[] t) {
        String name = (String) t[0];
        if (name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) return "SYSTEM TABLE";
        if (db.equals("temp")) return "view".equals(t[1]) ? "VIEW" : "LOCAL TEMPORARY";   // visible to this connection only
        return "view".equals(t[1]) ? "VIEW" : "TABLE";
    }

    // ---- tables and columns ----

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        List<String> wanted = types == null ? null : Arrays.asList(types);
        for (String db : schemas(catalog, schemaPattern)) {
            for (Object[] t : tables(db, tableNamePattern)) {
                String type = tableType(db, t);
                if (wanted != null && !wanted.contains(type)) continue;
                out.add(new Object[] {null, db, t[0], type, null, null, null, null, null, null});
            }
        }
        out.sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[1])
            .thenComparing(r -> (String) r[2]));
        return result(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM",
            "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION"), out);
    }

    @Override
    public ResultSet getTableTypes() {
        return result(List.of("TABLE_TYPE"), List.of(new Object[] {"LOCAL TEMPORARY"}, new Object[] {"SYSTEM TABLE"},
            new Object[] {"TABLE"}, new Object[] {"VIEW"}));
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
        throws SQLException {
        List<Object[]> out = new ArrayList<>();
        for (String db : schemas(catalog, schemaPattern)) {
            for (Object[] t : tables(db, tableNamePattern)) {
                String table = (String) t[0];
                List<Object[]> cols = rows("SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?, ?)",
                    table, db);
                String rowidAlias = rowidAlias(t, cols);
                int position = 0;
                for (Object[] c : cols) {
                    long hidden = (Long) c[6];
                    if (hidden == 1) continue;   // a virtual table's hidden column
                    position++;
                    String name = (String) c[1];
                    if (!matches(columnNamePattern, name)) continue;
                    String declared = (String) c[2];
                    int jdbcType = DeclaredTypes.jdbcType(declared);
                    boolean notNull = (Long) c[3] != 0 || name.equals(rowidAlias);
                    boolean auto = name.equals(rowidAlias);
                    out.add(new Object[] {null, db, table, name, (long) jdbcType,
                        declared == null || declared.isEmpty() ? "" : declared,
                        (long) DeclaredTypes.size(declared, 2_000_000_000), null, (long) DeclaredTypes.scale(declared), 10L,
                        (long) (notNull ? columnNoNulls : columnNullable), null, c[4], null, null,
                        (long) DeclaredTypes.size(declared, 2_000_000_000), (long) position, notNull ? "NO" : "YES",
                        null, null, null, null, auto ? "YES" : "NO", hidden >= 2 ? "YES" : "NO"});
                }
            }
        }
        return result(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE",
            "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
            "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA",
            "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"), out);
    }

    /** The column that is the table's rowid (an INTEGER PRIMARY KEY of a rowid table): numbered by SQLite if not given. */
    private static String rowidAlias(Object[] table, List<Object[]> cols) {
        if (!"table".equals(table[1]) || table[2] == null) return null;
        if (Pattern.compile("WITHOUT\\s+ROWID", Pattern.CASE_INSENSITIVE).matcher((String) table[2]).find()) return null;
        String alias = null;
        for (Object[] c : cols) {
            if ((Long) c[5] > 0) {
                if (alias != null) return null;   // a composite key
                alias = "INTEGER".equalsIgnoreCase(((String) c[2]).trim()) ? (String) c[1] : null;
                if (alias == null) return null;
            }
        }
        return alias;
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        String db = table == null ? null : schemaOf(catalog, schema, table);
        if (db != null) {
            for (Object[] c : rows("SELECT name, pk FROM pragma_table_info(?, ?) WHERE pk > 0", table, db)) {
                out.add(new Object[] {null, db, table, c[0], c[1], null});
            }
        }
        out.sort(Comparator.comparing(r -> ((String) r[3]).toLowerCase(Locale.ROOT)));
        return result(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"), out);
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
        throws SQLException {
        List<Object[]> out = new ArrayList<>();
        String db = table == null ? null : schemaOf(catalog, schema, table);
        if (db != null) {
            for (Object[] c : rows("SELECT name, type FROM pragma_table_info(?, ?) WHERE pk > 0 ORDER BY pk", table, db)) {
                String declared = (String) c[1];
                out.add(new Object[] {(long) bestRowSession, c[0], (long) DeclaredTypes.jdbcType(declared), declared,
                    (long) DeclaredTypes.size(declared, 2_000_000_000), null, (long) DeclaredTypes.scale(declared),
                    (long) bestRowNotPseudo});
            }
        }
        return result(List.of("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH",
            "DECIMAL_DIGITS", "PSEUDO_COLUMN"), out);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
        throws SQLException {
        List<Object[]> out = new ArrayList<>();
        String db = table == null ? null : schemaOf(catalog, schema, table);
        if (db != null) {
            for (Object[] ix : rows("SELECT name, \"unique\" FROM pragma_index_list(?, ?)", table, db)) {
                boolean isUnique = (Long) ix[1] != 0;
                if (unique && !isUnique) continue;
                for (Object[] c : rows("SELECT seqno, name, \"desc\" FROM pragma_index_xinfo(?, ?) WHERE key = 1 ORDER BY seqno",
                    ix[0], db)) {
                    out.add(new Object[] {null, db, table, isUnique ? 0L : 1L, null, ix[0], (long) tableIndexOther,
                        (Long) c[0] + 1, c[1], (Long) c[2] != 0 ? "D" : "A", 0L, 0L, null});
                }
            }
        }
        out.sort(Comparator.comparing((Object[] r) -> (Long) r[3]).thenComparing(r -> (String) r[5])
            .thenComparing(r -> (Long) r[7]));
        return result(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME", "TYPE",
            "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION"), out);
    }

    // ---- foreign keys ----

    private static final List<String> KEY_COLUMNS = List.of("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
        "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME",
        "PK_NAME", "DEFERRABILITY");

    /** The foreign keys declared by {@code table} of database {@code db} (whose parents are in {@code db} too), one row per column. */
    private List<Object[]> foreignKeys(String db, String table) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        List<Object[]> fks = rows("SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?, ?)"
            + " ORDER BY id, seq", table, db);
        for (Object[] fk : fks) {
            String parent = (String) fk[2];
            String to = (String) fk[4];
            if (to == null) {   // REFERENCES parent without columns: the parent's primary key, in order
                List<Object[]> pk = rows("SELECT name FROM pragma_table_info(?, ?) WHERE pk > 0 ORDER BY pk", parent, db);
                int seq = ((Long) fk[1]).intValue();
                to = seq < pk.size() ? (String) pk.get(seq)[0] : null;
            }
            out.add(new Object[] {null, db, parent, to, null, db, table, fk[3], (Long) fk[1] + 1, rule((String) fk[5]),
                rule((String) fk[6]), "fk_" + table + "_" + fk[0], null, (long) importedKeyNotDeferrable});
        }
        return out;
    }

    private static long rule(String action) {
        switch (action == null ? "" : action.toUpperCase(Locale.ROOT)) {
            case "CASCADE": return importedKeyCascade;
            case "RESTRICT": return importedKeyRestrict;
            case "SET NULL": return importedKeySetNull;
            case "SET DEFAULT": return importedKeySetDefault;
            default: return importedKeyNoAction;
        }
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        String db = table == null ? null : schemaOf(catalog, schema, table);
        List<Object[]> out = db != null ? foreignKeys(db, table) : new ArrayList<>();
        out.sort(Comparator.comparing((Object[] r) -> (String) r[2]).thenComparing(r -> (Long) r[8]));
        return result(KEY_COLUMNS, out);
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return getCrossReference(catalog, schema, table, catalog, schema, null);
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog,
                                       String foreignSchema, String foreignTable) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        List<String> parents = schemas(parentCatalog, parentSchema);
        for (String db : schemas(foreignCatalog, foreignSchema)) {
            if (!parents.contains(db)) continue;   // SQLite's foreign keys stay inside one database
            for (Object[] t : tables(db, null)) {
                if (!"table".equals(t[1])) continue;
                String child = (String) t[0];
                if (foreignTable != null && !child.equalsIgnoreCase(foreignTable)) continue;
                for (Object[] k : foreignKeys(db, child)) {
                    if (parentTable == null || parentTable.equalsIgnoreCase((String) k[2])) out.add(k);
                }
            }
        }
        out.sort(Comparator.comparing((Object[] r) -> (String) r[5]).thenComparing(r -> (String) r[6])
            .thenComparing(r -> (Long) r[8]));
        return result(KEY_COLUMNS, out);
    }

    // ---- types ----

    @Override
    public ResultSet getTypeInfo() {
        Object[][] types = {
            {"BOOLEAN", Types.BOOLEAN, 1}, {"TINYINT", Types.TINYINT, 3}, {"BIGINT", Types.BIGINT, 19},
            {"BLOB", Types.BLOB, 1_000_000_000}, {"NULL", Types.NULL, 0}, {"CHAR", Types.CHAR, 1_000_000_000},
            {"NUMERIC", Types.NUMERIC, 1_000_000_000}, {"DECIMAL", Types.DECIMAL, 1_000_000_000},
            {"INTEGER", Types.INTEGER, 19}, {"SMALLINT", Types.SMALLINT, 5}, {"FLOAT", Types.FLOAT, 15},
            {"REAL", Types.REAL, 15}, {"DOUBLE", Types.DOUBLE, 15}, {"VARCHAR", Types.VARCHAR, 1_000_000_000},
            {"TEXT", Types.VARCHAR, 1_000_000_000}, {"DATE", Types.DATE, 10}, {"TIME", Types.TIME, 18},
            {"TIMESTAMP", Types.TIMESTAMP, 29}, {"CLOB", Types.CLOB, 1_000_000_000},
        };
        List<Object[]> out = new ArrayList<>();
        for (Object[] t : types) {
            int type = (Integer) t[1];
            boolean text = type == Types.CHAR || type == Types.VARCHAR || type == Types.CLOB || type == Types.DATE
                || type == Types.TIME || type == Types.TIMESTAMP;
            boolean numeric = type == Types.TINYINT || type == Types.SMALLINT || type == Types.INTEGER || type == Types.BIGINT
                || type == Types.FLOAT || type == Types.REAL || type == Types.DOUBLE || type == Types.NUMERIC || type == Types.DECIMAL;
            out.add(new Object[] {t[0], (long) type, (long) (Integer) t[2], text ? "'" : type == Types.BLOB ? "X'" : null,
                text || type == Types.BLOB ? "'" : null, null, (long) typeNullable, text, (long) (type == Types.BLOB ? typePredBasic
                : typeSearchable), !numeric, false, type == Types.INTEGER, t[0], 0L, 0L, null, null, 10L});
        }
        out.sort(Comparator.comparing(r -> (Long) r[1]));
        return result(List.of("TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS",
            "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT",
            "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX"), out);
    }

    // ---- what SQLite has none of: empty, with JDBC's columns ----

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    /** SQLite's databases by name: main, temp (once opened), attached ones; ordered by name, as JDBC asks. */
    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        for (String db : schemas(catalog, schemaPattern)) out.add(new Object[] {db, null});
        out.sort(Comparator.comparing(r -> (String) r[0]));
        return result(List.of("TABLE_SCHEM", "TABLE_CATALOG"), out);
    }

    @Override
    public ResultSet getCatalogs() {
        return empty("TABLE_CAT");
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) {
        return empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "RESERVED1", "RESERVED2", "RESERVED3", "REMARKS",
            "PROCEDURE_TYPE", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) {
        return empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME",
            "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB",
            "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) {
        return empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) {
        return empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME",
            "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
            "IS_NULLABLE", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) {
        return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) {
        return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) {
        return empty("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
            "PSEUDO_COLUMN");
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) {
        return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "REMARKS", "BASE_TYPE");
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) {
        return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SUPERTYPE_CAT", "SUPERTYPE_SCHEM", "SUPERTYPE_NAME");
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) {
        return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) {
        return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE", "ATTR_TYPE_NAME", "ATTR_SIZE",
            "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "ATTR_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB",
            "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
            "SOURCE_DATA_TYPE");
    }

    @Override
    public ResultSet getClientInfoProperties() {
        return empty("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION");
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) {
        return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "COLUMN_SIZE", "DECIMAL_DIGITS",
            "NUM_PREC_RADIX", "COLUMN_USAGE", "REMARKS", "CHAR_OCTET_LENGTH", "IS_NULLABLE");
    }
}
