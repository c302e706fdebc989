package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 6: bytes on the shell's stdin that are not UTF-8. Before, they were silently
 * replaced by U+FFFD and the statement ran with other text than given (while {@code .read} refused
 * the same bytes); now stdin stops there with an error, as {@code .read} does.
 */
class StdinBytesTest {
    @Test
    void invalidUtf8OnStdinIsAnErrorNotAReplacement() {
        byte[] good = "select 'before';\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'s', 'e', 'l', 'e', 'c', 't', ' ', '\'', (byte) 0xff, (byte) 0xfe, '\'', ';', '\n'};
        byte[] input = new byte[good.length + bad.length];
        System.arraycopy(good, 0, input, 0, good.length);
        System.arraycopy(bad, 0, input, good.length, bad.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(input), new PrintStream(out, false, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false);
        int code = Main.run(io, "sql");
        io.out().flush();
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(code != 0, "exit " + code);
        assertTrue(e.contains("not valid UTF-8"), e);
        assertFalse(o.contains("\uFFFD"), o);
    }
}
