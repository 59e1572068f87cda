package io.econtext.testkit.sshd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system users of the sshd fixtures: each is created once per machine and kept, and gets one fresh key pair per
 * JVM, removed again when the JVM exits.
 *
 * <p>Several JVMs (surefire forks, parallel module builds) may set up the same user at the same moment. Every change to
 * users and their {@code ~/.ssh} happens under this JVM's lock and an exclusive {@link FileLock} on {@link #LOCK_FILE},
 * so {@code useradd} never races itself ("cannot lock /etc/passwd") and {@code authorized_keys} is rewritten whole,
 * then moved into place, so sshd never reads half a file.
 *
 * <p>A key's comment and file names carry this JVM's id ({@code econtext-testkit jvm=PID-RANDOM}). A shutdown hook
 * deletes this JVM's keys and their {@code authorized_keys} lines; those of a JVM that died without running it
 * (SIGKILL) are swept, by their dead PID, the next time any JVM sets the user up.
 */
final class TestUsers {
    static final String NAME_PREFIX = "ectest";
    /** The PATH sshd gives a non-interactive session when there is no PAM (compiled in; Debian's value). */
    static final String DEFAULT_SESSION_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/games";

    private static final Logger log = LoggerFactory.getLogger(TestUsers.class);
    private static final Pattern VALID_NAME = Pattern.compile(NAME_PREFIX + "[a-z0-9_-]{0,26}");
    private static final Path LOCK_FILE = Path.of("/tmp", "econtext-testkit-users.lock");
    private static final String TAG = "econtext-testkit";
    private static final String JVM_ID = ProcessHandle.current().pid() + "-" + randomHex();
    /** A file of ours in ~/.ssh, named {@code econtext-testkit-PID-...}. */
    private static final Pattern OUR_FILE = Pattern.compile(Pattern.quote(TAG) + "-(\\d+)-.*");
    /** An authorized_keys line of ours: its key comment is {@code econtext-testkit jvm=PID-RANDOM}. */
    private static final Pattern OUR_LINE = Pattern.compile(".* " + Pattern.quote(TAG) + " jvm=(\\d+)-[0-9a-f]+$");

    private static final Duration UNIX_TIMEOUT = Duration.ofSeconds(30);

    private static final ReentrantLock jvmLock = new ReentrantLock();
    // guarded by jvmLock
    private static final Map<String, Setup> setups = new HashMap<>();
    private static final List<Path> copiedKeys = new ArrayList<>();
    private static boolean cleanupRegistered;

    /** A user set up by this JVM, and the PATH its sessions were asked to get (null: sshd's default). */
    private record Setup(TestUser user, String requestedPath) {}

    private TestUsers() {}

    /**
     * Creates the user if needed and gives it this JVM's key, once per JVM. With a {@code sessionPath}, logins with
     * that key get {@code PATH=sessionPath}; without one they get sshd's default PATH, plus this JVM's {@code
     * java.home/bin} in front when that default holds no {@code java}.
     */
    static TestUser user(String name, String sessionPath) throws IOException {
        checkName(name);
        if (sessionPath != null && (sessionPath.isEmpty() || sessionPath.matches(".*[\"\\\\\\s].*"))) {
            throw new IllegalArgumentException(
                    "sessionPath : '" + sessionPath + "' (expected: not empty, no quotes, backslashes or blanks)");
        }
        return locked(() -> {
            Setup known = setups.get(name);
            if (known != null) {
                if (!Objects.equals(known.requestedPath(), sessionPath)) {
                    throw new IllegalArgumentException("user " + name + " was set up in this JVM with session PATH "
                            + known.requestedPath() + ", now asked for " + sessionPath + ": use another name");
                }
                return known.user();
            }
            TestUser user = setUp(name, sessionPath != null ? sessionPath : pathWithJava());
            setups.put(name, new Setup(user, sessionPath));
            registerCleanup();
            return user;
        });
    }

    /** Sets the user's password with chpasswd, which reads it from stdin. */
    static void setPassword(String name, char[] password) throws IOException {
        checkName(name);
        for (char c : password) {
            if (c == ':' || c == '\n' || c == '\r' || c == 0) {
                throw new IllegalArgumentException("password : (expected: no ':', line break or NUL)");
            }
        }
        CharBuffer chars = CharBuffer.allocate(name.length() + password.length + 2);
        chars.put(name).put(':').put(password).put('\n').flip();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(chars);
        byte[] line = new byte[encoded.remaining()];
        encoded.get(line);
        Arrays.fill(chars.array(), '\0');
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            locked(() -> ProcessRunner.of("chpasswd")
                    .stdin(line)
                    .timeout(UNIX_TIMEOUT)
                    .runChecked());
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    /** Copies {@code of}'s private key into {@code into}'s ~/.ssh, owned by {@code into}, mode 600. */
    static Path copyPrivateKey(TestUser of, TestUser into) throws IOException {
        return locked(() -> {
            Path copy = into.home().resolve(".ssh").resolve(TAG + "-" + JVM_ID + "-key-of-" + of.name());
            Files.copy(of.privateKey(), copy, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            Account account = Account.of(into.name());
            account.own(copy, "rw-------");
            copiedKeys.add(copy);
            registerCleanup();
            return copy;
        });
    }

    private static TestUser setUp(String name, String sessionPath) throws IOException {
        Account account = Account.create(name);
        Path ssh = account.home().resolve(".ssh");
        Files.createDirectories(ssh);
        account.own(ssh, "rwx------");
        sweepDeadJvms(ssh, account);

        Path key = ssh.resolve(TAG + "-" + JVM_ID);
        Path pub = key.resolveSibling(key.getFileName() + ".pub");
        Files.deleteIfExists(key);
        Files.deleteIfExists(pub);
        ProcessRunner.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", TAG + " jvm=" + JVM_ID, "-f", "" + key)
                .timeout(UNIX_TIMEOUT)
                .runChecked();
        account.own(key, "rw-------");
        account.own(pub, "rw-r--r--");

        String options = sessionPath == null ? "" : "environment=\"PATH=" + sessionPath + "\" ";
        String entry = options + Files.readString(pub).strip();
        rewriteAuthorizedKeys(ssh, account, lines -> Stream.concat(lines, Stream.of(entry)));
        log.debug("user {}: key {} authorized (session PATH {})", name, key, sessionPath);
        return new TestUser(name, key, account.home());
    }

    /** sshd's default PATH when it has a {@code java}, else that PATH behind this JVM's {@code bin} directory. */
    private static String pathWithJava() {
        for (String dir : DEFAULT_SESSION_PATH.split(":")) {
            if (Files.isExecutable(Path.of(dir, "java"))) {
                return null;
            }
        }
        return Path.of(System.getProperty("java.home"), "bin") + ":" + DEFAULT_SESSION_PATH;
    }

    private static void sweepDeadJvms(Path ssh, Account account) throws IOException {
        try (Stream<Path> files = Files.list(ssh)) {
            for (Path f : files.collect(Collectors.toList())) {
                Matcher m = OUR_FILE.matcher(f.getFileName().toString());
                if (m.matches() && isDead(m.group(1))) {
                    Files.deleteIfExists(f);
                }
            }
        }
        rewriteAuthorizedKeys(
                ssh,
                account,
                lines -> lines.filter(line -> {
                    Matcher m = OUR_LINE.matcher(line);
                    return !(m.matches() && isDead(m.group(1)));
                }));
    }

    private static boolean isDead(String pid) {
        return ProcessHandle.of(Long.parseLong(pid)).isEmpty();
    }

    private static void rewriteAuthorizedKeys(Path ssh, Account account, UnaryOperator<Stream<String>> edit)
            throws IOException {
        Path file = ssh.resolve("authorized_keys");
        List<String> old = Files.exists(file) ? Files.readAllLines(file) : List.of();
        List<String> updated = edit.apply(old.stream()).collect(Collectors.toList());
        if (updated.equals(old) && Files.exists(file)) {
            return;
        }
        Path temp = ssh.resolve(TAG + "-" + JVM_ID + ".authorized_keys.tmp");
        Files.write(temp, updated);
        account.own(temp, "rw-------");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Runs at JVM exit: removes this JVM's keys, their authorized_keys lines and the copies it made. */
    private static void cleanUp() {
        try {
            if (!jvmLock.tryLock(5, TimeUnit.SECONDS)) {
                return; // another thread is stuck mid-setup; the next JVM's sweep removes what we leave
            }
        } catch (InterruptedException e) {
            return;
        }
        try (FileChannel channel = openLockFile()) {
            channel.lock(); // released when the channel closes
            Predicate<String> ours = line -> line.endsWith(" " + TAG + " jvm=" + JVM_ID);
            for (Setup setup : setups.values()) {
                TestUser user = setup.user();
                Files.deleteIfExists(user.privateKey());
                Files.deleteIfExists(user.publicKey());
                Path ssh = user.home().resolve(".ssh");
                rewriteAuthorizedKeys(ssh, Account.of(user.name()), lines -> lines.filter(ours.negate()));
            }
            for (Path copy : copiedKeys) {
                Files.deleteIfExists(copy);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("econtext-testkit: could not remove this JVM's test keys: " + e);
        } finally {
            jvmLock.unlock();
        }
    }

    private static void registerCleanup() {
        if (!cleanupRegistered) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestUsers::cleanUp, "econtext-testkit-users-cleanup"));
            cleanupRegistered = true;
        }
    }

    private static <T> T locked(IoAction<T> action) throws IOException {
        jvmLock.lock();
        try (FileChannel channel = openLockFile()) {
            channel.lock(); // released when the channel closes
            return action.run();
        } finally {
            jvmLock.unlock();
        }
    }

    private static FileChannel openLockFile() throws IOException {
        return FileChannel.open(
                LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    private static void checkName(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name : " + name + " (expected: \"" + NAME_PREFIX
                    + "\" then up to 26 of [a-z0-9_-], e.g. \"" + NAME_PREFIX + "alice\")");
        }
    }

    private static String randomHex() {
        return Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    /** A system account as {@code getent passwd} reports it. */
    private record Account(String name, int uid, int gid, Path home) {
        /** Creates the account unless it exists, and unlocks it: with {@code UsePAM no} sshd refuses locked ones. */
        static Account create(String name) throws IOException {
            if (!run("id", "-u", name).succeeded()) {
                ProcessRunner.Result added = run("useradd", "-m", "-s", "/bin/sh", name);
                if (!added.succeeded() && added.exitCode() != 9) { // 9: exists, made by something else meanwhile
                    throw new IOException("could not create test user " + name + ": " + added.describe());
                }
            }
            String[] shadow = run("getent", "shadow", name).stdout().strip().split(":", -1);
            if (shadow.length < 2 || shadow[1].startsWith("!")) {
                ProcessRunner.of("usermod", "-p", "*", name)
                        .timeout(UNIX_TIMEOUT)
                        .runChecked();
            }
            return of(name);
        }

        static Account of(String name) throws IOException {
            ProcessRunner.Result entry = run("getent", "passwd", name);
            String[] f = entry.stdout().strip().split(":", -1);
            if (!entry.succeeded() || f.length < 7) {
                throw new IOException("no account " + name + ": " + entry.describe());
            }
            return new Account(name, Integer.parseInt(f[2]), Integer.parseInt(f[3]), Path.of(f[5]));
        }

        void own(Path file, String mode) throws IOException {
            Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        }

        private static ProcessRunner.Result run(String... command) throws IOException {
            return ProcessRunner.of(command).timeout(UNIX_TIMEOUT).run();
        }
    }
}
