package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.BootstrapException;
import io.econtext.Secret;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Outputs as OpenSSH 9.2 prints them. */
@Timeout(10)
class OpenSshDiagnosisTest {
    private static final String FP = "SHA256:D4Vtmk9eWBiAIQy0yWIUZoSvJGY/uvXWVy98OJMszEk";
    private static final SshSpec SPEC = Ssh.to("127.0.0.1").port(45222).user("ectestx");
    private static final OpenSshDiagnosis.HostKeyProbe NO_PROBE = spec -> null;

    private static RuntimeException diagnose(SshSpec spec, String output) {
        return OpenSshDiagnosis.diagnose(spec, 255, output, NO_PROBE);
    }

    @Test
    void publickeyDenialIsAnAuthenticationFailureNamingTheKey() {
        RuntimeException e =
                diagnose(SPEC.identityFile("/keys/wrong"), "ectestx@127.0.0.1: Permission denied (publickey).");

        assertThat(e).isExactlyInstanceOf(SshAuthenticationException.class);
        SshAuthenticationException a = (SshAuthenticationException) e;
        assertThat(a.serverMethods()).containsExactly("publickey");
        assertThat(a.passwordRejected()).isFalse();
        assertThat(a.exitStatus()).isEqualTo(255);
        assertThat(a.outputTail()).contains("Permission denied (publickey)");
        assertThat(a.getMessage())
                .startsWith("ectestx@127.0.0.1 accepted none of the keys offered (the server accepts: publickey):"
                        + " check identityFile /keys/wrong, and that its public key is in ~/.ssh/authorized_keys");
    }

    @Test
    void anUnusableKeyFileIsNamedInTheMessage() {
        RuntimeException e = diagnose(
                SPEC.identityFile("/nope"),
                "Warning: Identity file /nope not accessible: No such file or directory.\n"
                        + "ectestx@127.0.0.1: Permission denied (publickey).");

        assertThat(e)
                .hasMessageContaining(
                        "ssh could not use a key: \"Warning: Identity file /nope not accessible: No such file or directory.\"");
    }

    @Test
    void aServerThatTakesPasswordsWithoutOneGivenAsksForAPassword() {
        RuntimeException e =
                diagnose(SPEC, "ectestx@127.0.0.1: Permission denied (publickey,password,keyboard-interactive).");

        assertThat(e).isExactlyInstanceOf(SshPasswordRequiredException.class);
        assertThat(e).isInstanceOf(SshAuthenticationException.class);
        assertThat(e.getMessage())
                .startsWith("ectestx@127.0.0.1 accepted none of the keys offered and asks for a password, but none"
                        + " was given: set password(Secret)");
    }

    @Test
    void aDeniedLoginWithAPasswordIsAWrongPassword() {
        RuntimeException e = diagnose(
                SPEC.password(Secret.of("x".toCharArray())),
                "ectestx@127.0.0.1: Permission denied (publickey,password).");

        assertThat(e).isExactlyInstanceOf(SshAuthenticationException.class);
        assertThat(((SshAuthenticationException) e).passwordRejected()).isTrue();
        assertThat(e.getMessage()).startsWith("ectestx@127.0.0.1 rejected the password");
    }

    @Test
    void aPasswordForAServerWithoutPasswordLoginsSaysSo() {
        RuntimeException e = diagnose(
                SPEC.password(Secret.of("x".toCharArray())), "ectestx@127.0.0.1: Permission denied (publickey).");

        assertThat(e).hasMessageStartingWith("ectestx@127.0.0.1 does not accept passwords");
        assertThat(((SshAuthenticationException) e).passwordRejected()).isFalse();
    }

    @Test
    void tooManyAuthenticationFailuresPointsAtIdentitiesOnly() {
        RuntimeException e = diagnose(
                SPEC,
                "Received disconnect from 127.0.0.1 port 45222:2: Too many authentication failures\n"
                        + "Disconnected from 127.0.0.1 port 45222");

        assertThat(e).isExactlyInstanceOf(SshAuthenticationException.class).hasMessageContaining("identityFile(...)");
    }

    @Test
    void anUnknownHostKeyNamesTheFingerprintTheProbeSaw() {
        AtomicInteger probes = new AtomicInteger();
        RuntimeException e = OpenSshDiagnosis.diagnose(
                SPEC.knownHostsFile("/tmp/kh"),
                255,
                "No ED25519 host key is known for [127.0.0.1]:45222 and you have requested strict checking.\n"
                        + "Host key verification failed.",
                spec -> {
                    probes.incrementAndGet();
                    return "ssh-ed25519 " + FP;
                });

        assertThat(probes).hasValue(1);
        assertThat(e).isExactlyInstanceOf(SshHostKeyException.class);
        SshHostKeyException h = (SshHostKeyException) e;
        assertThat(h.fingerprint()).isEqualTo(FP);
        assertThat(h.changed()).isFalse();
        assertThat(h.getMessage())
                .startsWith("the host key of [127.0.0.1]:45222 (ssh-ed25519 " + FP + ") is not known, and"
                        + " hostKeyPolicy is ENFORCE: check the fingerprint with the host's administrator and add the"
                        + " key to /tmp/kh (ssh-keyscan -p 45222 127.0.0.1 >> /tmp/kh), or trust it on first use with"
                        + " HostKeyPolicy.ACCEPT_NEW");
    }

    @Test
    void anUnknownHostKeyWithoutAProbeStillSaysWhatToDo() {
        RuntimeException e = diagnose(
                SPEC,
                "No ED25519 host key is known for [127.0.0.1]:45222 and you have requested strict checking.\n"
                        + "Host key verification failed.");

        assertThat(((SshHostKeyException) e).fingerprint()).isNull();
        assertThat(e).hasMessageContaining("(ED25519 key, fingerprint unknown)").hasMessageContaining("ACCEPT_NEW");
    }

    @Test
    void aChangedHostKeyCarriesTheNewFingerprint() {
        String out = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                + "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
                + "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                + "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
                + "Someone could be eavesdropping on you right now (man-in-the-middle attack)!\n"
                + "It is also possible that a host key has just been changed.\n"
                + "The fingerprint for the ED25519 key sent by the remote host is\n"
                + FP + ".\n"
                + "Please contact your system administrator.\n"
                + "Add correct host key in /tmp/kh to get rid of this message.\n"
                + "Offending ED25519 key in /tmp/kh:1\n"
                + "  remove with:\n"
                + "  ssh-keygen -f \"/tmp/kh\" -R \"[127.0.0.1]:45222\"\n"
                + "Host key for [127.0.0.1]:45222 has changed and you have requested strict checking.\n"
                + "Host key verification failed.";

        RuntimeException e = OpenSshDiagnosis.diagnose(SPEC.knownHostsFile("/tmp/kh"), 255, out, spec -> {
            throw new AssertionError("no probe needed: ssh printed the fingerprint");
        });

        SshHostKeyException h = (SshHostKeyException) e;
        assertThat(h.fingerprint()).isEqualTo(FP);
        assertThat(h.changed()).isTrue();
        assertThat(h.getMessage())
                .startsWith("the host key of [127.0.0.1]:45222 has CHANGED (it now presents ED25519 key " + FP
                        + "): someone may be intercepting the connection, or the host was reinstalled. If the change"
                        + " is expected, remove the old key with ssh-keygen -R '[127.0.0.1]:45222' -f '/tmp/kh'");
    }

    @Test
    void connectionRefusedIsAConnectFailure() {
        RuntimeException e = diagnose(SPEC, "ssh: connect to host 127.0.0.1 port 45299: Connection refused");

        assertThat(e).isExactlyInstanceOf(SshConnectException.class);
        assertThat(e.getMessage())
                .startsWith("could not connect to 127.0.0.1 port 45299: Connection refused; nothing listens there");
    }

    @Test
    void timeoutsAndMissingRoutesAreConnectFailures() {
        assertThat(diagnose(SPEC, "ssh: connect to host 10.1.1.1 port 22: Connection timed out"))
                .isInstanceOf(SshConnectException.class)
                .hasMessageContaining("no answer within ssh's connect timeout (25 s)");
        assertThat(diagnose(SPEC, "ssh: connect to host 10.1.1.1 port 22: No route to host"))
                .isInstanceOf(SshConnectException.class)
                .hasMessageContaining("network path");
        assertThat(diagnose(
                        SPEC, "Connection timed out during banner exchange\nConnection to 10.1.1.1 port 22 timed out"))
                .isInstanceOf(SshConnectException.class)
                .hasMessageContaining("sent no ssh greeting");
        assertThat(diagnose(SPEC, "kex_exchange_identification: read: Connection reset by peer"))
                .isInstanceOf(SshConnectException.class)
                .hasMessageContaining("closed the connection before logging in");
    }

    @Test
    void anUnknownNameIsAConnectFailure() {
        RuntimeException e = diagnose(
                Ssh.to("nosuchhost.invalid"),
                "ssh: Could not resolve hostname nosuchhost.invalid: Name or service not known");

        assertThat(e).isExactlyInstanceOf(SshConnectException.class);
        assertThat(e.getMessage())
                .startsWith("could not resolve the host name nosuchhost.invalid (Name or service not known): check the"
                        + " name, DNS, or a Host alias");
    }

    @Test
    void badOptionsAreReportedAsConfiguration() {
        RuntimeException e = diagnose(SPEC, "command-line: line 0: Bad configuration option: frobnicate");

        assertThat(e).isExactlyInstanceOf(BootstrapException.class).hasMessageContaining("check extraArgs");
    }

    @Test
    void leavesFailuresOfTheRemoteCommandToTheCore() {
        assertThat(OpenSshDiagnosis.diagnose(SPEC, 127, "sh: 1: /nonexistent/java: not found", NO_PROBE))
                .isNull();
        assertThat(OpenSshDiagnosis.diagnose(SPEC, 1, "Connection refused", NO_PROBE))
                .as("the remote command's own output is not ssh's")
                .isNull();
        assertThat(OpenSshDiagnosis.diagnose(SPEC, 137, "ectestx@h: Permission denied (publickey).", NO_PROBE))
                .as("killed by the booter as its stdout ended: the output decides")
                .isInstanceOf(SshAuthenticationException.class);
        assertThat(diagnose(SPEC, "something else entirely")).isNull();
    }
}
