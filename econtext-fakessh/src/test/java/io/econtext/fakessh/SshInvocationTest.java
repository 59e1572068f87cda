package io.econtext.fakessh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines rsync, scp, sftp and git give ssh, and the ones fakessh refuses. */
class SshInvocationTest {
    @Test
    void rsyncsCommandLine() {
        SshInvocation i = SshInvocation.parse(
                List.of("-l", "ops", "app1", "rsync", "--server", "-logDtpre.iLsfxCIvu", ".", "/srv/app/"));
        assertThat(i.destination()).isEqualTo("app1");
        assertThat(i.user()).isEqualTo("ops");
        assertThat(i.subsystem()).isFalse();
        assertThat(i.command()).isEqualTo("rsync --server -logDtpre.iLsfxCIvu . /srv/app/");
    }

    @Test
    void scpsSftpSubsystemWithItsOptions() {
        SshInvocation i = SshInvocation.parse(List.of(
                "-x",
                "-oPermitLocalCommand=no",
                "-oClearAllForwardings=yes",
                "-oRemoteCommand=none",
                "-oRequestTTY=no",
                "-oForwardAgent=no",
                "-l",
                "root",
                "-s",
                "--",
                "host",
                "sftp"));
        assertThat(i.subsystem()).isTrue();
        assertThat(i.command()).isEqualTo("sftp");
        assertThat(i.user()).isEqualTo("root");
    }

    @Test
    void gitsCommandLineAndCombinedFlags() {
        SshInvocation i = SshInvocation.parse(
                List.of("-o", "SendEnv=GIT_PROTOCOL", "-p2222", "-4Tq", "git@host", "git-upload-pack 'repo.git'"));
        assertThat(i.destination()).isEqualTo("git@host");
        assertThat(i.command()).isEqualTo("git-upload-pack 'repo.git'");
    }

    @Test
    void refusesWhatAContextCannotGiveNamingTheOption() {
        assertThatThrownBy(() -> SshInvocation.parse(List.of("-L", "8080:localhost:80", "h", "true")))
                .hasMessageContaining("-L 8080:localhost:80")
                .hasMessageContaining("cannot forward");
        assertThatThrownBy(() -> SshInvocation.parse(List.of("-t", "h", "top"))).hasMessageContaining("terminal");
        assertThatThrownBy(() -> SshInvocation.parse(List.of("-N", "h"))).hasMessageContaining("-N");
        assertThatThrownBy(() -> SshInvocation.parse(List.of("h"))).hasMessageContaining("interactive shell");
        assertThatThrownBy(() -> SshInvocation.parse(List.of("-o"))).hasMessageContaining("-o: needs a value");
        assertThatThrownBy(() -> SshInvocation.parse(List.of("-Z", "h", "x")))
                .hasMessageContaining("-Z: unknown ssh option");
        assertThatThrownBy(() -> SshInvocation.parse(List.of("-s", "h", "rm -rf /")))
                .hasMessageContaining("not a subsystem name");
    }
}
