package dev.livestorejvm.sqlite;

import dev.livestorejvm.wasm.ExecutionMode;
import dev.livestorejvm.wasm.WasmBinary;

/**
 * Which SQLite runs: the npm package and version it came from, the integrity the build verified,
 * the SHA-256 of the {@code .wasm} in the jar, and what the binary itself reports.
 */
public record SqliteBinaryInfo(String packageName, String packageVersion, String integrity, WasmBinary binary,
                               String sourcePath, String sha256, String sqliteVersion, String sourceId,
                               ExecutionMode mode) {
    @Override
    public String toString() {
        return packageName + "@" + packageVersion + " " + sourcePath + " (sha256 " + sha256 + ") SQLite "
            + sqliteVersion + " [" + sourceId + "], " + mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
