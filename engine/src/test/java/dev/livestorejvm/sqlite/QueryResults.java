package dev.livestorejvm.sqlite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Test helper: every row of a query as typed values, comparable with equals (blobs as hex, reals by bits). */
final class QueryResults {
    private QueryResults() {}

    static List<List<String>> rows(Database db, String sql, Object... params) {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = db.prepare(sql)) {
            st.bindAll(params);
            int n = st.columnCount();
            while (st.step()) {
                String[] row = new String[n];
                for (int c = 0; c < n; c++) {
                    switch (st.columnType(c)) {
                        case INTEGER: row[c] = "i:" + st.getLong(c); break;
                        case FLOAT: row[c] = "r:" + Long.toHexString(Double.doubleToRawLongBits(st.getDouble(c))); break;
                        case TEXT: row[c] = "t:" + st.getText(c); break;
                        case BLOB: row[c] = "b:" + HexFormat.of().formatHex(st.getBlob(c)); break;
                        default: row[c] = "null";
                    }
                }
                rows.add(Arrays.asList(row));
            }
        }
        return rows;
    }
}
