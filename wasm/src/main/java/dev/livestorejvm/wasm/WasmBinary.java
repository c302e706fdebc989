package dev.livestorejvm.wasm;

/** The two builds of SQLite shipped in {@code @livestore/wa-sqlite}; both are compiled into this jar. */
public enum WasmBinary {
    /** {@code dist/wa-sqlite.wasm}: what LiveStore's web adapter loads. */
    DEFAULT,
    /** {@code dist/fts5/wa-sqlite.wasm}: the same build with FTS5 compiled in. */
    FTS5
}
