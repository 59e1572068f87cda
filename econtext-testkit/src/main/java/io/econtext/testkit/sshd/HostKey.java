package io.econtext.testkit.sshd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An ed25519 host key that ssh-keygen made for one sshd.
 *
 * @param file the private key, mode 600; the public key sits beside it as {@code file.pub}
 * @param publicKey {@code "ssh-ed25519 AAAA..."}: the key type and blob, as known_hosts holds them
 * @param fingerprint {@code "SHA256:..."}, as ssh prints it
 */
record HostKey(Path file, String publicKey, String fingerprint) {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Generates a new key at {@code file}, replacing any key there. */
    static HostKey generate(Path file) throws IOException {
        Path pub = file.resolveSibling(file.getFileName() + ".pub");
        Files.deleteIfExists(file);
        Files.deleteIfExists(pub);
        ProcessRunner.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "econtext-testkit-host", "-f", "" + file)
                .timeout(TIMEOUT)
                .runChecked();
        String[] pubFields = Files.readString(pub).strip().split("\\s+");
        ProcessRunner.Result listed = ProcessRunner.of("ssh-keygen", "-l", "-E", "sha256", "-f", "" + pub)
                .timeout(TIMEOUT)
                .runChecked();
        String[] listFields = listed.stdout().strip().split("\\s+"); // 256 SHA256:... comment (ED25519)
        if (pubFields.length < 2 || listFields.length < 2 || !listFields[1].startsWith("SHA256:")) {
            throw new IOException("unexpected ssh-keygen output for " + pub + ": " + listed.stdout());
        }
        return new HostKey(file, pubFields[0] + " " + pubFields[1], listFields[1]);
    }

    /** The known_hosts line for this key served on 127.0.0.1:port: {@code "[127.0.0.1]:PORT ssh-ed25519 ..."}. */
    String knownHostsLine(String host, int port) {
        return "[" + host + "]:" + port + " " + publicKey;
    }
}
