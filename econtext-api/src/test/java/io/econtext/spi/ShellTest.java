package io.econtext.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShellTest {
    @Test
    void quotedTextReachesTheProgramByteForByte() throws Exception {
        String tricky = "it's \"quoted\" $HOME `id` $(id) \\ ! * ~ ; & | < > \n\ttab  'end";

        assertThat(sh("printf '%s' " + Shell.quote(tricky))).isEqualTo(tricky);
    }

    @Test
    void exportsTheEnvironmentInNameOrderForTheScriptAndWhatItStarts() throws Exception {
        BootCommand command = new BootCommand("sh -c 'printf %s/%s \"$A\" \"$B\"'", Map.of("B", "x'y $z", "A", "1"));

        assertThat(Shell.exports(command.environment())).isEqualTo("export A='1'\nexport B='x'\\''y $z'\n");
        assertThat(sh(command.scriptWithEnvironment())).isEqualTo("1/x'y $z");
        assertThat(Shell.exports(Map.of())).isEmpty();
    }

    @Test
    void refusesANameThatWouldBeShellCode() {
        assertThatThrownBy(() -> Shell.exports(Map.of("A;touch /tmp/x", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'A;touch /tmp/x'");
        assertThatThrownBy(() -> Shell.exports(Map.of("1A", "1"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
