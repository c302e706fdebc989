package dev.livestorejvm.sqlite;

import java.util.Arrays;
import java.util.List;

/**
 * A changeset of SQLite's session extension: the bytes {@link Session#changeset()} produced (or
 * that came from elsewhere), read and inverted in Java. Applying it is
 * {@link Database#applyChangeset}. Immutable: the bytes are never modified.
 */
public final class Changeset {
    private final byte[] bytes;

    private Changeset(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps changeset bytes (a copy is taken). */
    public static Changeset of(byte[] bytes) {
        return new Changeset(bytes.clone());
    }

    /** Takes ownership of {@code bytes} (no copy). */
    static Changeset wrap(byte[] bytes) {
        return new Changeset(bytes);
    }

    /** A copy of the changeset's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without a copy: for callers inside the engine that do not modify them. */
    byte[] bytesUnsafe() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    /** True if it records no change. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The changeset that undoes this one; same bytes as {@code sqlite3changeset_invert}. */
    public Changeset invert() {
        return new Changeset(ChangesetInverter.invert(bytes));
    }

    /** Reads the changes one by one. */
    public ChangesetReader reader() {
        return new ChangesetReader(bytes);
    }

    /** Every change, in order. */
    public List<ChangesetEntry> entries() {
        return reader().readAll();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Changeset && Arrays.equals(bytes, ((Changeset) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Changeset[" + bytes.length + " bytes]";
    }
}
