package dev.livestorejvm.store;

/**
 * LiveStore's string hash, used for table and state-schema hashes (and so in state file names).
 *
 * <p>It is the 31-multiplier string hash as JavaScript evaluates {@code h = (h << 5) - h + c}:
 * the shift converts {@code h} to a 32-bit integer first, but the subtraction uses the full
 * number, so the running value is not confined to 32 bits (e.g. -28966160668). Characters are
 * UTF-16 code units, as in {@code String.charCodeAt}.
 */
public final class LiveStoreHash {
    private LiveStoreHash() {}

    public static long of(String s) {
        long h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = (long) (((int) h) << 5) - h + s.charAt(i);
        }
        return h;
    }
}
