package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SudoCommandTest {
    private static final String SCRIPT = "for d in a b; do\n  echo \"$d\"\ndone\n";

    @Test
    void asksTheAskpassHelperAndPassesTheScriptAsOneArgumentAfterTheOptions() {
        SudoSpec spec =
                Sudo.user("deploy").setHome(true).preserveEnvironment(true).extraArgs("-g", "www-data");
        List<String> argv = SudoCommand.sudo(spec, SCRIPT, Map.of("B", "2", "A", "it's"), "OK:1");

        assertThat(argv.subList(0, argv.size() - 1))
                .containsExactly("sudo", "-A", "-u", "deploy", "-H", "-E", "-g", "www-data", "--", "/bin/sh", "-c");
        assertThat(argv.get(argv.size() - 1))
                .isEqualTo("printf '%s\\n' 'OK:1' >&2\nexport A='it'\\''s'\nexport B='2'\n" + SCRIPT);
    }

    @Test
    void aLoginShellGetsTheScriptBase64EncodedWithoutDollarsOrNewlines() {
        List<String> argv = SudoCommand.sudo(Sudo.user("deploy").loginShell(true), SCRIPT, Map.of(), "OK:1");

        assertThat(argv).contains("-i");
        String command = argv.get(argv.size() - 1);
        assertThat(command).doesNotContain("$").doesNotContain("\n");
        Matcher m = Pattern.compile("eval \"`echo ([A-Za-z0-9+/=]+) \\| base64 -d`\"")
                .matcher(command);
        assertThat(m.matches()).as(command).isTrue();
        assertThat(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8))
                .isEqualTo("printf '%s\\n' 'OK:1' >&2\n" + SCRIPT);
    }

    @Test
    void bothLaunchersShareThePipesWithTheTargetUserBeforeSudoRuns() {
        List<String> sudo = List.of("sudo", "-u", "x y");
        List<String> plain = SudoCommand.plain(sudo);
        assertThat(plain.subList(0, 2)).containsExactly("/bin/sh", "-c");
        assertThat(plain.get(2)).contains("chmod 0644 /proc/self/fd/0").endsWith("exec \"$@\"");
        assertThat(plain.subList(4, plain.size())).isEqualTo(sudo);

        List<String> tty = SudoCommand.underTerminal(sudo);
        assertThat(tty.get(2))
                .contains("chmod 0644 /proc/self/fd/0")
                .contains("script -qec \"$0\" /dev/null")
                .contains("exit " + SudoCommand.EXIT_NO_SCRIPT);
        assertThat(tty.get(3)).isEqualTo("exec 'sudo' '-u' 'x y' 0<&5 1>&6 2>&7 5<&- 6>&- 7>&-");
    }

    @Test
    void acceptsOptionsThatKeepTheBootstrapIntact() {
        SudoCommand.checkExtraArgs(List.of(
                "-g",
                "wheel",
                "-gwheel",
                "--group=wheel",
                "-D",
                "/srv",
                "--chdir",
                "/srv",
                "-k",
                "-P",
                "--preserve-env=LANG,TZ",
                "-T",
                "60"));
    }

    @Test
    void refusesOptionsThatWouldBreakItAndSaysWhatToUseInstead() {
        assertThatThrownBy(() -> SudoCommand.checkExtraArgs(List.of("-u", "bob")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-u'")
                .hasMessageContaining("Sudo.user(...)");
        assertThatThrownBy(() -> SudoCommand.checkExtraArgs(List.of("-S"))).hasMessageContaining("password(Secret)");
        assertThatThrownBy(() -> SudoCommand.checkExtraArgs(List.of("-A"))).hasMessageContaining("askpass");
        assertThatThrownBy(() -> SudoCommand.checkExtraArgs(List.of("-b"))).hasMessageContaining("detach");
        assertThatThrownBy(() -> SudoCommand.checkExtraArgs(List.of("-s"))).hasMessageContaining("loginShell(true)");
        assertThatThrownBy(() -> SudoCommand.checkExtraArgs(List.of("id"))).hasMessageContaining("is not an option");
        assertThatThrownBy(() -> SudoCommand.checkExtraArgs(List.of("-g"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SudoCommand.checkExtraArgs(List.of("--frobnicate")))
                .hasMessageContaining("accepted:");
    }
}
