package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LazySecureRandomTest {
    @Test
    void bytesAndNumbersComeFromASecureRandom() {
        LazySecureRandom r = new LazySecureRandom();
        byte[] a = new byte[32], b = new byte[32];
        r.nextBytes(a);
        r.nextBytes(b);
        assertFalse(Arrays.equals(a, b), "two draws of 256 bits were equal");
        assertFalse(Arrays.equals(a, new byte[32]), "all zero");
        for (int i = 0; i < 1000; i++) {
            int n = r.nextInt(10);
            assertTrue(n >= 0 && n < 10, "nextInt(10) gave " + n);
        }
    }

    @Test
    void setSeedDoesNotMakeItPredictable() {
        LazySecureRandom a = new LazySecureRandom(), b = new LazySecureRandom();
        a.setSeed(42);
        b.setSeed(42);
        assertFalse(a.nextLong() == b.nextLong() && a.nextLong() == b.nextLong());
    }
}
