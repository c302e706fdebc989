package dev.livestorejvm.cli;

import dev.livestorejvm.sqlite.ColumnType;
import dev.livestorejvm.sqlite.Statement;

/**
 * One value of a result row, read in its storage class. Numbers keep SQLite's own text form
 * (so {@code 1.0} and {@code 1e+100} print as the sqlite3 tool prints them); blobs keep their bytes.
 */
record Cell(ColumnType type, String text, byte[] blob) {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static Cell read(Statement st, int column) {
        ColumnType type = st.columnType(column);
        switch (type) {
            case NULL: return new Cell(type, null, null);
            case BLOB: return new Cell(type, null, st.getBlob(column));
            default: return new Cell(type, st.getText(column), null);
        }
    }

    boolean isNull() {
        return type == ColumnType.NULL;
    }

    boolean isNumber() {
        return type == ColumnType.INTEGER || type == ColumnType.FLOAT;
    }

    /** The value as the text modes print it: {@code nullText} for NULL, {@code X'hex'} for a blob. */
    String display(String nullText) {
        switch (type) {
            case NULL: return nullText;
            case BLOB: return blobLiteral(blob);
            default: return text;
        }
    }

    /** An SQL blob literal, {@code X'00FF'}: what {@code quote()} gives, and valid input again. */
    static String blobLiteral(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2 + 3).append("X'");
        for (byte b : bytes) s.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        return s.append('\'').toString();
    }
}
