package io.econtext.testkit.sudo;

import io.econtext.testkit.sshd.ProcessRunner;
import io.econtext.testkit.sshd.SystemUsers;
import io.econtext.testkit.sshd.TestUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's real {@code sudo}, with rules of the test's own in a sudoers file of its own under {@code
 * /etc/sudoers.d}, for tests that run commands as another user through sudo. Needs root (to create the users and
 * write the rules), {@code /usr/bin/sudo} and {@code /usr/sbin/visudo}; without them {@link #start()} aborts the
 * calling test instead of failing it.
 *
 * <pre>{@code
 * try (SudoFixture sudo = SudoFixture.start()) {
 *     TestUser alice = sudo.userWithPassword("ectestalice", "s3cret".toCharArray());
 *     sudo.allow("Defaults:ectestalice timestamp_timeout=0", "ectestalice ALL=(ALL) ALL");
 *     // printf 's3cret\n' | runuser -u ectestalice -- sudo -S -p '' -u root id -un    prints root
 * }
 * // the rules are gone: the same command fails
 * }</pre>
 *
 * <p>The rules are real sudoers lines, checked by {@code visudo} before sudo sees them, and they apply to the whole
 * machine while the fixture is open: give them only to {@code ectest*} users. The file is named {@code
 * econtext-testkit-PID-RANDOM} (sudo skips names with a dot or a trailing {@code ~}), mode 0440, owned by root, and
 * each {@link #allow} replaces it in one rename, so sudo never reads half of it. {@link #close()} deletes it; a
 * shutdown hook deletes those of fixtures not closed, and the next {@link #start()} on the machine deletes those of a
 * JVM that died without running it (SIGKILL), by their dead PID.
 *
 * <p>Users outlive fixtures: they are the sshd fixtures' users (see {@link #user(String)}), created once per machine
 * and kept. The methods are thread-safe; each blocks for at most about a minute (most take milliseconds).
 */
public final class SudoFixture implements AutoCloseable {
    private static final Duration ID_TIMEOUT = Duration.ofSeconds(10);
    /** Fixtures not yet closed, whose files are deleted at JVM exit so that a forgotten close() grants nothing. */
    private static final Set<SudoFixture> open = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> List.copyOf(open).forEach(SudoFixture::close), "sudo-fixtures"));
    }

    private final SudoersDropIn dropIn;
    // guarded by this
    private boolean closed;

    private SudoFixture(SudoersDropIn dropIn) {
        this.dropIn = dropIn;
    }

    /**
     * Starts a fixture with no rules yet. Aborts the calling test (a {@code TestAbortedException}) with "sudo not
     * installed: apt-get install sudo" when {@code /usr/bin/sudo} or {@code /usr/sbin/visudo} is missing, "must run
     * as root to create test users" when not root, or when {@code /etc/sudoers} does not read {@code
     * /etc/sudoers.d}. Throws {@link IllegalStateException} when the sudo configuration is already invalid. Deletes
     * the files that JVMs which are gone left in {@code /etc/sudoers.d}.
     */
    public static SudoFixture start() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(SudoersDropIn.SUDO) && Files.isExecutable(SudoersDropIn.VISUDO),
                "sudo not installed: apt-get install sudo");
        Assumptions.assumeTrue(isRoot(), "must run as root to create test users");
        Assumptions.assumeTrue(
                SudoersDropIn.includesDropIns(SudoersDropIn.SUDOERS),
                SudoersDropIn.SUDOERS + " does not read " + SudoersDropIn.DIR
                        + ": add the line '@includedir /etc/sudoers.d' with visudo");

        SudoersDropIn.sweepDeadJvms();
        SudoersDropIn.checkConfiguration();
        SudoFixture fixture = new SudoFixture(SudoersDropIn.create());
        open.add(fixture);
        return fixture;
    }

    /**
     * Creates the local system user {@code name} if it does not exist (it must start with {@code ectest}; it is kept
     * for later runs), exactly as {@link io.econtext.testkit.sshd.SshdFixture#user(String)} does, key pair included,
     * so that tests may also log in as it over ssh. Grants nothing: see {@link #allow}.
     */
    public TestUser user(String name) throws IOException {
        return SystemUsers.user(name);
    }

    /** Same as {@link #user(String)}, and sets the user's password (through chpasswd's stdin, never argv). */
    public TestUser userWithPassword(String name, char[] password) throws IOException {
        return SystemUsers.userWithPassword(name, password);
    }

    /**
     * Appends {@code lines} to this fixture's sudoers file, which sudo reads from the moment this returns:
     *
     * <pre>{@code
     * sudo.allow("Defaults:ectestbob requiretty", "ectestbob ALL=(ALL) NOPASSWD: ALL");
     * }</pre>
     *
     * Each line is one sudoers line (no line break or NUL, no trailing backslash). Throws {@link
     * IllegalArgumentException} naming the lines and quoting visudo's complaint when visudo rejects the file, or the
     * whole configuration with it (e.g. an alias another file defines too); the file then stays as it was.
     */
    public synchronized void allow(String... lines) throws IOException {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        dropIn.append(List.of(lines));
    }

    /**
     * This fixture's file, {@code /etc/sudoers.d/econtext-testkit-PID-RANDOM}; it exists from the first {@link
     * #allow} until {@link #close()}.
     */
    public Path sudoersFile() {
        return dropIn.file();
    }

    /** Deletes this fixture's sudoers file: its rules no longer apply. Idempotent; also runs at JVM exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        open.remove(this);
        try {
            dropIn.delete();
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dropIn.file(), e);
        }
    }

    @Override
    public String toString() {
        return "SudoFixture[" + dropIn.file() + "]";
    }

    private static boolean isRoot() throws IOException {
        return ProcessRunner.of("id", "-u")
                .timeout(ID_TIMEOUT)
                .run()
                .stdout()
                .strip()
                .equals("0");
    }
}
