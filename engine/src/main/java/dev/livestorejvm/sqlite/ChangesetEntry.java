package dev.livestorejvm.sqlite;

import java.util.List;

/**
 * One change of a {@link Changeset}: the table it belongs to and the row's values. Values are
 * Long, Double, String, byte[], null (SQL NULL) or {@link #UNDEFINED}: in an UPDATE, the old and
 * new values of columns the update did not change are undefined, except the old primary key.
 *
 * @param table the table name
 * @param columnCount the number of columns of the table
 * @param primaryKey for each column, 0 if it is not part of the primary key, else its 1-based
 *     position in the key
 * @param operation what happened to the row
 * @param indirect true if the change was made by a trigger or foreign-key action
 * @param oldValues the row before the change (empty for INSERT)
 * @param newValues the row after the change (empty for DELETE)
 */
public record ChangesetEntry(String table, int columnCount, List<Integer> primaryKey, Operation operation,
                             boolean indirect, List<Object> oldValues, List<Object> newValues) {
    /** The value of a column that a change does not record. */
    public static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };
}
