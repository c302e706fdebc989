package dev.livestorejvm.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * Where a binary came from, as verified at build time: npm package, version, the tarball's
 * integrity, the path inside it and the SHA-256 of the {@code .wasm} bytes in this jar.
 */
public record BinaryInfo(WasmBinary binary, String packageName, String version, String integrity,
                         String sourcePath, String sha256) {

    static final String RESOURCE_DIR = "binary/";

    /** Reads the record written by the build for {@code binary}. */
    public static BinaryInfo of(WasmBinary binary) {
        Properties p = new Properties();
        try (InputStream in = BinaryInfo.class.getResourceAsStream(RESOURCE_DIR + "binary.properties")) {
            if (in == null) throw new IllegalStateException("binary.properties missing from the jar: the build did not run the fetch step");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = binary.name().toLowerCase(Locale.ROOT);
        return new BinaryInfo(binary, p.getProperty("package"), p.getProperty("version"), p.getProperty("integrity"),
            p.getProperty(v + ".source"), p.getProperty(v + ".sha256"));
    }

    /** Name of the {@code .wasm} resource beside this class. */
    String resource() {
        return RESOURCE_DIR + binary.name().toLowerCase(Locale.ROOT) + ".wasm";
    }
}
