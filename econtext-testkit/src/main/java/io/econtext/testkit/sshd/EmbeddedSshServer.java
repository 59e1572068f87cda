package io.econtext.testkit.sshd;

import io.econtext.testkit.DirectoryTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;

/**
 * An SSH server inside the test JVM (Apache MINA SSHD), for tests and for machines without {@code sshd}: it listens
 * on 127.0.0.1 on a free port, accepts public keys only, for one user name, and runs each exec request through {@code
 * /bin/sh -c} with the channel's stdin, stdout and stderr wired to the process.
 *
 * <pre>{@code
 * try (EmbeddedSshServer server = EmbeddedSshServer.start("alice");
 *         Router router = Econtext.newRouter()) {
 *     Context c = router.connect(Ssh.to(server.host())
 *             .port(server.port())
 *             .user(server.userName())
 *             .identityFile(server.clientKeyFile().toString())
 *             .knownHostsFile(server.knownHostsFile().toString()));
 * }
 * }</pre>
 *
 * <p><b>The commands run as the user of this JVM</b>, whatever user name the client logs in with: the name is only
 * checked, never switched to. There is no shell, no pty, no port forwarding and no sftp; the client's environment
 * requests are ignored (a command inherits this JVM's environment).
 *
 * <p>Keys: the host key and a client key are ECDSA P-256 pairs made at start. The client key's private half is written,
 * in OpenSSH format and mode 600, to {@link #clientKeyFile()} in a temp directory that {@link #close()} deletes, beside
 * a {@link #knownHostsFile()} that holds {@link #knownHostsLine()}. {@link #start(String, Path)} also accepts every key
 * of an {@code authorized_keys} file: RSA and ECDSA keys, and ed25519 keys only when {@code net.i2p.crypto:eddsa} or
 * Bouncy Castle is on the class path (MINA SSHD does not use the JDK's EdDSA); a key it cannot read fails the start.
 *
 * <p>Threads: each command takes four threads of this JVM (three pumps and a waiter) besides MINA's I/O threads.
 */
public final class EmbeddedSshServer implements AutoCloseable {
    /** The address it listens on. */
    public static final String HOST = "127.0.0.1";

    private static final String KEY_TYPE = KeyPairProvider.ECDSA_SHA2_NISTP256;
    private static final int KEY_BITS = 256;
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);

    private final SshServer server;
    private final String userName;
    private final Path dir;
    private final Path clientKeyFile;
    private final Path knownHostsFile;
    private final String knownHostsLine;

    private EmbeddedSshServer(
            SshServer server, String userName, Path dir, Path clientKeyFile, Path knownHostsFile, String line) {
        this.server = server;
        this.userName = userName;
        this.dir = dir;
        this.clientKeyFile = clientKeyFile;
        this.knownHostsFile = knownHostsFile;
        this.knownHostsLine = line;
    }

    /** Starts a server that lets {@code userName} in with the generated {@link #clientKeyFile()}. */
    public static EmbeddedSshServer start(String userName) throws IOException {
        return start(userName, null);
    }

    /**
     * Starts a server that lets {@code userName} in with the generated {@link #clientKeyFile()} or with any key of
     * {@code authorizedKeys} (OpenSSH's format, options ignored), read once now; null: the generated key only.
     */
    public static EmbeddedSshServer start(String userName, Path authorizedKeys) throws IOException {
        if (userName == null || !userName.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new IllegalArgumentException(
                    "userName : '" + userName + "' (expected: 1-32 of letters, digits and _ . -)");
        }
        Path dir = Files.createTempDirectory("econtext-embedded-sshd-");
        SshServer server = SshServer.setUpDefaultServer();
        try {
            KeyPair hostKey = KeyUtils.generateKeyPair(KEY_TYPE, KEY_BITS);
            KeyPair clientKey = KeyUtils.generateKeyPair(KEY_TYPE, KEY_BITS);
            List<PublicKey> accepted = new ArrayList<>();
            accepted.add(clientKey.getPublic());
            if (authorizedKeys != null) {
                accepted.addAll(readAuthorizedKeys(authorizedKeys));
            }
            Path clientKeyFile = writePrivateKey(clientKey, dir.resolve("id_ecdsa"));

            server.setHost(HOST);
            server.setPort(0);
            server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            server.setPublickeyAuthenticator((user, key, session) ->
                    userName.equals(user) && accepted.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
            server.setShellFactory(null);
            server.setCommandFactory((channel, command) -> new ShellCommand(command));
            // like sshd: a session that is quiet for long stays up; the client's keepalives are its business
            CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
            CoreModuleProperties.AUTH_TIMEOUT.set(server, AUTH_TIMEOUT);
            server.start();

            String line = "[" + HOST + "]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic());
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), line + "\n");
            return new EmbeddedSshServer(server, userName, dir, clientKeyFile, knownHosts, line);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            server.stop(true);
            DirectoryTrees.deleteQuietly(dir);
            throw e instanceof IOException io ? io : new IOException("could not start the embedded ssh server", e);
        }
    }

    /** Always {@link #HOST}. */
    public String host() {
        return HOST;
    }

    /** The port it listens on, chosen by the system at start. */
    public int port() {
        return server.getPort();
    }

    /** The one user name it lets in. */
    public String userName() {
        return userName;
    }

    /** The generated client key, OpenSSH format, mode 600, owned by this JVM's user; for {@code ssh -i}. */
    public Path clientKeyFile() {
        return clientKeyFile;
    }

    /** A known_hosts file that holds only {@link #knownHostsLine()}. */
    public Path knownHostsFile() {
        return knownHostsFile;
    }

    /** The host key as a known_hosts line: {@code "[127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA..."}. */
    public String knownHostsLine() {
        return knownHostsLine;
    }

    /** Stops listening, closes every session at once (their commands get EOF and are destroyed), deletes the keys. */
    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            // stopping closes sockets only; nothing to tell the caller
        } finally {
            DirectoryTrees.deleteQuietly(dir);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedSshServer[" + userName + "@" + HOST + ":" + port() + "]";
    }

    private static List<PublicKey> readAuthorizedKeys(Path file) throws IOException {
        try {
            return PublicKeyEntry.resolvePublicKeyEntries(
                    null, AuthorizedKeyEntry.readAuthorizedKeys(file), PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(
                    "authorizedKeys : " + file + ": " + e.getMessage()
                            + " (expected: RSA or ECDSA keys; ed25519 keys need net.i2p.crypto:eddsa or Bouncy Castle on the"
                            + " class path)",
                    e);
        }
    }

    /**
     * Writes {@code key}'s private half in OpenSSH format (unencrypted) to a new {@code file} of mode 600, for {@code ssh
     * -i}; also used by the simulated fleet's server.
     */
    public static Path writePrivateKey(KeyPair key, Path file) throws IOException, GeneralSecurityException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(
                    key, "econtext-testkit-embedded", (OpenSSHKeyEncryptionContext) null, out);
        }
        return file;
    }
}
