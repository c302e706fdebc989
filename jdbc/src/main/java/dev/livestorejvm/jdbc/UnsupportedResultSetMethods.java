package dev.livestorejvm.jdbc;

import java.sql.ResultSet;

/**
 * What a forward-only, read-only result set does not do: scrolling, updating rows, and the SQL
 * types SQLite has no counterpart for. Each throws {@link java.sql.SQLFeatureNotSupportedException}.
 */
abstract class UnsupportedResultSetMethods implements ResultSet {
    @Override
    public final boolean absolute(int a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.absolute");
    }

    @Override
    public final boolean first() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.first");
    }

    @Override
    public final boolean last() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.last");
    }

    @Override
    public final boolean previous() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.previous");
    }

    @Override
    public final boolean relative(int a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.relative");
    }

    @Override
    public final boolean rowDeleted() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.rowDeleted");
    }

    @Override
    public final boolean rowInserted() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.rowInserted");
    }

    @Override
    public final boolean rowUpdated() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.rowUpdated");
    }

    @Override
    public final java.lang.String getCursorName() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getCursorName");
    }

    @Override
    public final java.net.URL getURL(int a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getURL");
    }

    @Override
    public final java.net.URL getURL(java.lang.String a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getURL");
    }

    @Override
    public final java.sql.Array getArray(int a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getArray");
    }

    @Override
    public final java.sql.Array getArray(java.lang.String a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getArray");
    }

    @Override
    public final java.sql.NClob getNClob(int a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getNClob");
    }

    @Override
    public final java.sql.NClob getNClob(java.lang.String a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getNClob");
    }

    @Override
    public final java.sql.Ref getRef(int a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getRef");
    }

    @Override
    public final java.sql.Ref getRef(java.lang.String a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getRef");
    }

    @Override
    public final java.sql.RowId getRowId(int a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getRowId");
    }

    @Override
    public final java.sql.RowId getRowId(java.lang.String a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getRowId");
    }

    @Override
    public final java.sql.SQLXML getSQLXML(int a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getSQLXML");
    }

    @Override
    public final java.sql.SQLXML getSQLXML(java.lang.String a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.getSQLXML");
    }

    @Override
    public final void afterLast() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.afterLast");
    }

    @Override
    public final void beforeFirst() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.beforeFirst");
    }

    @Override
    public final void cancelRowUpdates() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.cancelRowUpdates");
    }

    @Override
    public final void deleteRow() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.deleteRow");
    }

    @Override
    public final void insertRow() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.insertRow");
    }

    @Override
    public final void moveToCurrentRow() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.moveToCurrentRow");
    }

    @Override
    public final void moveToInsertRow() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.moveToInsertRow");
    }

    @Override
    public final void refreshRow() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.refreshRow");
    }

    @Override
    public final void updateArray(int a0, java.sql.Array a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateArray");
    }

    @Override
    public final void updateArray(java.lang.String a0, java.sql.Array a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateArray");
    }

    @Override
    public final void updateAsciiStream(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(java.lang.String a0, java.io.InputStream a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(java.lang.String a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateAsciiStream(java.lang.String a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public final void updateBigDecimal(int a0, java.math.BigDecimal a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBigDecimal");
    }

    @Override
    public final void updateBigDecimal(java.lang.String a0, java.math.BigDecimal a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBigDecimal");
    }

    @Override
    public final void updateBinaryStream(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(java.lang.String a0, java.io.InputStream a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(java.lang.String a0, java.io.InputStream a1, int a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBinaryStream(java.lang.String a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public final void updateBlob(int a0, java.io.InputStream a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(int a0, java.sql.Blob a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(java.lang.String a0, java.io.InputStream a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(java.lang.String a0, java.io.InputStream a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBlob(java.lang.String a0, java.sql.Blob a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public final void updateBoolean(int a0, boolean a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBoolean");
    }

    @Override
    public final void updateBoolean(java.lang.String a0, boolean a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBoolean");
    }

    @Override
    public final void updateByte(int a0, byte a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateByte");
    }

    @Override
    public final void updateByte(java.lang.String a0, byte a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateByte");
    }

    @Override
    public final void updateBytes(int a0, byte[] a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBytes");
    }

    @Override
    public final void updateBytes(java.lang.String a0, byte[] a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateBytes");
    }

    @Override
    public final void updateCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(int a0, java.io.Reader a1, int a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(java.lang.String a0, java.io.Reader a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(java.lang.String a0, java.io.Reader a1, int a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateCharacterStream(java.lang.String a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public final void updateClob(int a0, java.io.Reader a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(int a0, java.sql.Clob a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(java.lang.String a0, java.io.Reader a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(java.lang.String a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateClob(java.lang.String a0, java.sql.Clob a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateClob");
    }

    @Override
    public final void updateDate(int a0, java.sql.Date a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateDate");
    }

    @Override
    public final void updateDate(java.lang.String a0, java.sql.Date a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateDate");
    }

    @Override
    public final void updateDouble(int a0, double a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateDouble");
    }

    @Override
    public final void updateDouble(java.lang.String a0, double a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateDouble");
    }

    @Override
    public final void updateFloat(int a0, float a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateFloat");
    }

    @Override
    public final void updateFloat(java.lang.String a0, float a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateFloat");
    }

    @Override
    public final void updateInt(int a0, int a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateInt");
    }

    @Override
    public final void updateInt(java.lang.String a0, int a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateInt");
    }

    @Override
    public final void updateLong(int a0, long a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateLong");
    }

    @Override
    public final void updateLong(java.lang.String a0, long a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateLong");
    }

    @Override
    public final void updateNCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public final void updateNCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public final void updateNCharacterStream(java.lang.String a0, java.io.Reader a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public final void updateNCharacterStream(java.lang.String a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public final void updateNClob(int a0, java.io.Reader a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(int a0, java.sql.NClob a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(java.lang.String a0, java.io.Reader a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(java.lang.String a0, java.io.Reader a1, long a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNClob(java.lang.String a0, java.sql.NClob a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public final void updateNString(int a0, java.lang.String a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNString");
    }

    @Override
    public final void updateNString(java.lang.String a0, java.lang.String a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNString");
    }

    @Override
    public final void updateNull(int a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNull");
    }

    @Override
    public final void updateNull(java.lang.String a0) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateNull");
    }

    @Override
    public final void updateObject(int a0, java.lang.Object a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateObject");
    }

    @Override
    public final void updateObject(int a0, java.lang.Object a1, int a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateObject");
    }

    @Override
    public final void updateObject(java.lang.String a0, java.lang.Object a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateObject");
    }

    @Override
    public final void updateObject(java.lang.String a0, java.lang.Object a1, int a2) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateObject");
    }

    @Override
    public final void updateRef(int a0, java.sql.Ref a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateRef");
    }

    @Override
    public final void updateRef(java.lang.String a0, java.sql.Ref a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateRef");
    }

    @Override
    public final void updateRow() throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateRow");
    }

    @Override
    public final void updateRowId(int a0, java.sql.RowId a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateRowId");
    }

    @Override
    public final void updateRowId(java.lang.String a0, java.sql.RowId a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateRowId");
    }

    @Override
    public final void updateSQLXML(int a0, java.sql.SQLXML a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateSQLXML");
    }

    @Override
    public final void updateSQLXML(java.lang.String a0, java.sql.SQLXML a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateSQLXML");
    }

    @Override
    public final void updateShort(int a0, short a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateShort");
    }

    @Override
    public final void updateShort(java.lang.String a0, short a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateShort");
    }

    @Override
    public final void updateString(int a0, java.lang.String a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateString");
    }

    @Override
    public final void updateString(java.lang.String a0, java.lang.String a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateString");
    }

    @Override
    public final void updateTime(int a0, java.sql.Time a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateTime");
    }

    @Override
    public final void updateTime(java.lang.String a0, java.sql.Time a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateTime");
    }

    @Override
    public final void updateTimestamp(int a0, java.sql.Timestamp a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateTimestamp");
    }

    @Override
    public final void updateTimestamp(java.lang.String a0, java.sql.Timestamp a1) throws java.sql.SQLException {
        throw Errors.unsupported("ResultSet.updateTimestamp");
    }

}
