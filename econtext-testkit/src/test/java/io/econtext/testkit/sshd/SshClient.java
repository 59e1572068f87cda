package io.econtext.testkit.sshd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The system {@code ssh} client pointed at a fixture, as the tests drive it: no config files, strict host keys. */
final class SshClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SshClient() {}

    /** The ssh command line that logs in as {@code user} with its key and runs {@code command}. */
    static List<String> keyLogin(SshdFixture sshd, TestUser user, String command) {
        List<String> line = base(sshd);
        line.addAll(List.of(
                "-i",
                "" + user.privateKey(),
                "-o",
                "BatchMode=yes",
                "-o",
                "IdentitiesOnly=yes",
                user.name() + "@" + sshd.host(),
                command));
        return line;
    }

    static ProcessRunner.Result runWithKey(SshdFixture sshd, TestUser user, String command) throws IOException {
        return ProcessRunner.of(keyLogin(sshd, user, command)).timeout(TIMEOUT).run();
    }

    /**
     * Logs in as {@code user} with a password only, which ssh gets from an SSH_ASKPASS script (mode 700, deleted
     * afterwards) because there is no terminal.
     */
    static ProcessRunner.Result runWithPassword(SshdFixture sshd, String user, char[] password, String command)
            throws IOException {
        Path dir = Files.createTempDirectory("econtext-askpass-");
        Path askpass = dir.resolve("askpass");
        try {
            Files.createFile(
                    askpass, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            byte[] script =
                    ("#!/bin/sh\nprintf '%s\\n' '" + new String(password) + "'\n").getBytes(StandardCharsets.UTF_8);
            Files.write(askpass, script);
            Arrays.fill(script, (byte) 0);
            List<String> line = base(sshd);
            line.addAll(List.of(
                    "-o",
                    "PreferredAuthentications=password",
                    "-o",
                    "PubkeyAuthentication=no",
                    "-o",
                    "NumberOfPasswordPrompts=1",
                    user + "@" + sshd.host(),
                    command));
            return ProcessRunner.of(line)
                    .env("SSH_ASKPASS", "" + askpass)
                    .env("SSH_ASKPASS_REQUIRE", "force")
                    .timeout(TIMEOUT)
                    .run();
        } finally {
            Files.deleteIfExists(askpass);
            Files.deleteIfExists(dir);
        }
    }

    private static List<String> base(SshdFixture sshd) {
        return new ArrayList<>(List.of(
                "ssh",
                "-F",
                "none",
                "-p",
                "" + sshd.port(),
                "-o",
                "UserKnownHostsFile=" + sshd.knownHostsFile(),
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "ConnectTimeout=10"));
    }
}
