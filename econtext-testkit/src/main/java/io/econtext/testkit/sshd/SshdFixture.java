package io.econtext.testkit.sshd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private OpenSSH {@code sshd} on 127.0.0.1, on a free port, with its own config, host key, PID file and log under
 * a temp directory, for tests that log in as real local users. Needs root (to create the users) and {@code
 * /usr/sbin/sshd}; without either, {@link #start()} aborts the calling test instead of failing it.
 *
 * <pre>{@code
 * try (SshdFixture sshd = SshdFixture.start()) {
 *     TestUser alice = sshd.user("ectestalice");
 *     // ssh -i alice.privateKey() -p sshd.port()
 *     //     -o UserKnownHostsFile=sshd.knownHostsFile() -o StrictHostKeyChecking=yes
 *     //     alice.name()@sshd.host() java -version
 * }
 * }</pre>
 *
 * <p>What a login gets: sshd runs with {@code UsePAM no}, so a non-interactive session has sshd's compiled-in {@code
 * PATH=/usr/local/bin:/usr/bin:/bin:/usr/games} (Debian's {@code java} is {@code /usr/bin/java}; when none of those
 * holds a {@code java}, the test users' keys put this JVM's {@code java.home/bin} in front), {@code HOME}, {@code
 * USER}, {@code LOGNAME}, {@code SHELL=/bin/sh}, {@code MAIL}, {@code SSH_*}, umask 022, no {@code LANG}, no {@code
 * TMPDIR}, and no profile is read. Only users named {@code ectest*} may log in, never root.
 *
 * <p>Users outlive fixtures: a user is created once per machine and gets one key pair per JVM (see {@link
 * #user(String)}), so fixtures in the same JVM share it. The methods are thread-safe; each blocks for at most about
 * ten seconds.
 */
public final class SshdFixture implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SshdFixture.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;
    /** Fixtures not yet closed, stopped at JVM exit so that a forgotten close() leaves no sshd behind. */
    private static final Set<SshdFixture> running = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> List.copyOf(running).forEach(SshdFixture::close), "sshd-fixtures"));
    }

    private final Path dir;
    private final int port;
    private final SshdConfig config;
    private final Path configFile;
    private final Path logFile;
    private final Path knownHostsFile;
    // guarded by this
    private HostKey hostKey;
    private SshdDaemon daemon;
    private final List<ProcessHandle> earlierSessions = new ArrayList<>();
    private boolean closed;

    private SshdFixture(Path dir, int port, SshdConfig config, HostKey hostKey) {
        this.dir = dir;
        this.port = port;
        this.config = config;
        this.configFile = dir.resolve("sshd_config");
        this.logFile = dir.resolve("sshd.log");
        this.knownHostsFile = dir.resolve("known_hosts");
        this.hostKey = hostKey;
    }

    /**
     * Starts a private sshd on 127.0.0.1 on a free port that accepts public keys only. Aborts the calling test (a
     * {@code TestAbortedException}) with "sshd not installed: apt-get install openssh-server" when {@code
     * /usr/sbin/sshd} is missing, or "must run as root to create test users" when not root. Takes ~0.1 s (the first
     * in a JVM up to ~0.8 s).
     */
    public static SshdFixture start() throws IOException {
        return start(false);
    }

    /** Same as {@link #start()}, with {@code PasswordAuthentication yes} (and still no keyboard-interactive). */
    public static SshdFixture startWithPasswords() throws IOException {
        return start(true);
    }

    private static SshdFixture start(boolean passwords) throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(SshdDaemon.SSHD), "sshd not installed: apt-get install openssh-server");
        Assumptions.assumeTrue(isRoot(), "must run as root to create test users");

        Path dir = Files.createTempDirectory("econtext-sshd-");
        try {
            // traversable, so that contexts running as test users can read known_hosts for their own next hop
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            HostKey hostKey = HostKey.generate(dir.resolve("ssh_host_ed25519_key"));
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                SshdConfig config = new SshdConfig(port, hostKey.file(), dir.resolve("sshd.pid"), passwords, true);
                SshdFixture fixture = new SshdFixture(dir, port, config, hostKey);
                try {
                    fixture.daemon = SshdDaemon.start(config, fixture.configFile, fixture.logFile, START_TIMEOUT);
                } catch (SshdDaemon.PortTakenException e) {
                    if (attempt == PORT_ATTEMPTS) {
                        throw e;
                    }
                    continue;
                }
                running.add(fixture);
                try {
                    fixture.writeKnownHosts();
                } catch (IOException | RuntimeException e) {
                    fixture.close();
                    throw e;
                }
                log.debug("sshd {} listening on {}:{} (pid {})", dir, SshdConfig.HOST, port, fixture.pid());
                return fixture;
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** Always {@code "127.0.0.1"}. */
    public String host() {
        return SshdConfig.HOST;
    }

    public int port() {
        return port;
    }

    /** The PID of the listening sshd (it changes when {@link #rotateHostKey()} restarts it). */
    public synchronized long pid() {
        return daemon.pid();
    }

    /** sshd's log ({@code LogLevel VERBOSE}): why a login was refused, e.g. "User x not allowed because ...". */
    public Path logFile() {
        return logFile;
    }

    /**
     * Creates, once per JVM, the local system user {@code name} (which must start with {@code ectest}; the user is
     * kept for later runs): with a home directory, {@code /bin/sh} as shell, an unlocked account ({@code usermod -p
     * '*'}: with {@code UsePAM no} sshd refuses locked ones), and a fresh ed25519 key pair of this JVM whose public
     * key is in {@code ~/.ssh/authorized_keys} (all owned by the user, modes 700/600). Later calls in this JVM return
     * the same user and key. Safe against other JVMs setting up the same user at the same time.
     */
    public TestUser user(String name) throws IOException {
        return TestUsers.user(name, null);
    }

    /** Same as {@link #user(String)}, and sets the user's password (through chpasswd's stdin, never argv). */
    public TestUser userWithPassword(String name, char[] password) throws IOException {
        TestUser user = TestUsers.user(name, null);
        TestUsers.setPassword(name, password);
        return user;
    }

    /**
     * Same as {@link #user(String)}, but logins with the user's key get {@code PATH=path} (through {@code
     * environment="PATH=..."} in authorized_keys) - e.g. a PATH without {@code java} for "java missing" tests. Note
     * that on Debian {@code /bin} is {@code /usr/bin}. Use a name of its own: one name has one PATH per JVM.
     */
    public TestUser userWithPath(String name, String path) throws IOException {
        return TestUsers.user(name, path);
    }

    /**
     * Copies {@code of}'s private key into {@code into}'s {@code ~/.ssh}, owned by {@code into}, mode 600, so that a
     * context running as {@code into} can log in as {@code of} (for chains that change user at each hop). Deleted
     * when the JVM exits.
     */
    public Path copyPrivateKey(TestUser of, TestUser into) throws IOException {
        return TestUsers.copyPrivateKey(of, into);
    }

    /**
     * A known_hosts file (mode 644, in the fixture's directory) holding the host key the server had when it started,
     * as {@code "[127.0.0.1]:PORT ssh-ed25519 ..."}. {@link #rotateHostKey()} does not update it.
     */
    public Path knownHostsFile() {
        return knownHostsFile;
    }

    /** The current host key's known_hosts line, {@code "[127.0.0.1]:PORT ssh-ed25519 AAAA..."}. */
    public synchronized String knownHostsLine() {
        return hostKey.knownHostsLine(SshdConfig.HOST, port);
    }

    /** The current host key's SHA256 fingerprint as ssh prints it, e.g. {@code "SHA256:abc..."}. */
    public synchronized String hostKeyFingerprint() {
        return hostKey.fingerprint();
    }

    /**
     * Replaces the host key with a new one and restarts sshd on the same port, for "host key changed" tests. Open
     * sessions survive; {@link #knownHostsFile()} keeps the old key. Takes ~0.2 s.
     */
    public synchronized void rotateHostKey() throws IOException {
        checkOpen();
        earlierSessions.addAll(daemon.sessions(null));
        if (!daemon.stop(STOP_TIMEOUT)) {
            throw new IOException("sshd (pid " + daemon.pid() + ") did not stop");
        }
        hostKey = HostKey.generate(hostKey.file());
        daemon = SshdDaemon.start(config, configFile, logFile, START_TIMEOUT);
    }

    /** The PIDs of the sshd processes serving {@code user}'s sessions on this server (see {@link #killSessionsOf}). */
    public synchronized List<Long> sessionPidsOf(String user) {
        return daemon.sessions(user).stream().map(ProcessHandle::pid).collect(Collectors.toList());
    }

    /**
     * Kills the sshd processes of this server that serve {@code user}'s sessions and waits until they are gone, for
     * "middle hop dies" tests: SIGKILL to the user's own sshd process of each session ({@code sshd: NAME@notty}),
     * whose privileged monitor then exits by itself within milliseconds (or gets SIGKILL after a second). The client
     * sees "Connection to 127.0.0.1 closed by remote host" and exits with 255; the user's commands are not signalled:
     * they see EOF on stdin and EPIPE on stdout. Does nothing when the user has no session.
     */
    public synchronized void killSessionsOf(String user) throws IOException {
        checkOpen();
        List<ProcessHandle> sessions = daemon.sessions(user);
        if (!SshdDaemon.kill(sessions)) {
            throw new IOException("sessions of " + user + " survived SIGKILL: " + sessions);
        }
        log.debug("killed {} sshd processes of {}'s sessions", sessions.size(), user);
    }

    /**
     * Kills the sshd processes of all sessions (SIGKILL), stops sshd (SIGTERM to the PID from its PidFile, which is
     * the {@code sshd -D} this fixture started; SIGKILL after 10 s), waits for it to exit, and deletes the temp
     * directory. Idempotent; also runs at JVM exit for fixtures not closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running.remove(this);
        // sessions first, while their parent lives to reap them at once
        List<ProcessHandle> sessions = new ArrayList<>(earlierSessions);
        sessions.addAll(daemon.sessions(null));
        SshdDaemon.kill(sessions);
        boolean stopped = daemon.stop(STOP_TIMEOUT);
        deleteTree(dir);
        if (!stopped) {
            throw new IllegalStateException("sshd (pid " + daemon.pid() + ") of " + dir + " did not stop");
        }
    }

    @Override
    public String toString() {
        return "SshdFixture[" + SshdConfig.HOST + ":" + port + ", " + dir + "]";
    }

    private void writeKnownHosts() throws IOException {
        Files.writeString(knownHostsFile, knownHostsLine() + "\n");
        Files.setPosixFilePermissions(knownHostsFile, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static boolean isRoot() throws IOException {
        return ProcessRunner.of("id", "-u")
                .timeout(START_TIMEOUT)
                .run()
                .stdout()
                .strip()
                .equals("0");
    }

    /** A port that was free a moment ago; sshd may still lose it to another process (then start retries). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(SshdConfig.HOST))) {
            return socket.getLocalPort();
        }
    }

    /**
     * Deletes {@code root} and what is under it. Walks again when a file appeared meanwhile: a killed session's sshd
     * process may still write its last log line as it exits (seen in CI: DirectoryNotEmptyException).
     */
    private static void deleteTree(Path root) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 10) {
                    throw new UncheckedIOException(
                            "could not delete " + root,
                            e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(
                            "interrupted while deleting " + root, new java.io.InterruptedIOException());
                }
            }
        }
    }
}
