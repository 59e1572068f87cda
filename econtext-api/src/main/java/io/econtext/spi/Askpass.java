package io.econtext.spi;

import io.econtext.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hands a password to an authenticating program that runs an askpass helper to get it (OpenSSH's {@code SSH_ASKPASS},
 * sudo's {@code -A} with {@code SUDO_ASKPASS}), once, without the password ever being on a command line, in an
 * environment variable, in a file, in a log, or on a stream that anything else reads.
 *
 * <pre>
 *  this JVM                                     ssh / sudo              helper D/askpass (mode 700)
 *  mkdir D (700); mkfifo D/pw (600)
 *  write D/askpass: preamble, then cat D/pw
 *  start the program, env *_ASKPASS=D/askpass
 *  writer thread: open D/pw for writing
 *     ... blocks until someone reads ...     asks for the password --&gt; preamble; exec cat D/pw (opens the read end)
 *  open returns: unlink D/pw at once,
 *  then write "password\n", close  -------------------------------------&gt;  prints it; the program reads one line
 *                                            wrong? asks again -------&gt;  D/pw is gone: cat fails, exit 1
 *  authenticated, refused, or the program ended: close(): release the writer, delete D
 * </pre>
 *
 * Why this is safe:
 * <ul>
 *   <li>argv and environment of every process hold paths and prompts only; {@code ps} shows no secret.
 *   <li>A FIFO has no data blocks: the bytes go from this JVM through a kernel pipe buffer to the one reader, and
 *       never rest on any disk, wherever the directory is. A crash leaves an empty FIFO, never a password.
 *   <li>Only this JVM's user (and root, who can read this JVM's memory anyway) can open the FIFO: directory 700, FIFO
 *       600. ssh and sudo run the helper as that user, before anything runs on the other side of the login; a sudo
 *       target or a remote account cannot reach it.
 *   <li>Exactly one reader gets it: the FIFO is unlinked as soon as a reader has opened it, before the write, so no
 *       second open can succeed; a second call of the helper (the password was wrong) fails at once instead of
 *       hanging.
 * </ul>
 *
 * <pre>{@code
 * try (Askpass askpass = Askpass.start(password, "", "econtext-askpass-" + name)) {
 *     ProcessBuilder pb = InheritedEnvironment.processBuilder(List.of("sudo", "-A", "-u", user, "--", "id"));
 *     pb.environment().put("SUDO_ASKPASS", askpass.program().toString());
 *     ...                                        // close() once the program authenticated or ended
 * }
 * }</pre>
 *
 * <p>Threads: one daemon thread blocks in the FIFO's open until the helper runs or {@link #close()} releases it.
 * JDK-only (intermediate contexts run it), apart from {@code mkfifo} on the booting host.
 */
public final class Askpass implements AutoCloseable {
    private final Path dir;
    private final Path fifo;
    private final Path script;
    private volatile boolean closed;

    private Askpass(Path dir) {
        this.dir = dir;
        this.fifo = dir.resolve("pw");
        this.script = dir.resolve("askpass");
    }

    /**
     * Creates the directory, the helper and, with a password, the FIFO, and starts the writer.
     *
     * @param password what the helper answers, once; {@code null}: the helper answers nothing and exits with status 1
     *     (after the preamble, which may report that it was asked)
     * @param preamble {@code /bin/sh} commands the helper runs first, with the prompt in {@code $1}: e.g. refuse a
     *     prompt that is not for the password ({@code exit 1}), or tell the caller it was asked (on stderr, which
     *     is the program's). Write no secret into it: the helper is a file
     * @param threadName the name of the writer thread
     */
    public static Askpass start(Secret password, String preamble, String threadName) throws IOException {
        Askpass a = new Askpass(privateDirectory());
        try {
            a.create(preamble, password != null);
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
        if (password != null) {
            a.startWriter(password, threadName);
        }
        return a;
    }

    /** The helper's absolute path: what {@code SSH_ASKPASS} or {@code SUDO_ASKPASS} must name. */
    public Path program() {
        return script;
    }

    /** The private directory (mode 700) that holds the helper and the FIFO; gone after {@link #close()}. */
    public Path directory() {
        return dir;
    }

    /** A private directory where a script may be executed (a {@code noexec} mount would make the exec fail). */
    private static Path privateDirectory() throws IOException {
        List<String> candidates = new ArrayList<>(4);
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty()) {
            candidates.add(xdg);
        }
        candidates.add(System.getProperty("java.io.tmpdir"));
        candidates.add("/dev/shm");
        candidates.add("/tmp");
        IOException last = null;
        for (String c : candidates) {
            Path base = Paths.get(c);
            if (!Files.isDirectory(base) || !Files.isWritable(base)) {
                continue;
            }
            try {
                Path d = Files.createTempDirectory(
                        base,
                        "econtext-askpass.",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path probe = Files.createFile(
                        d.resolve("askpass"),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                // access(X_OK) fails on a noexec mount: try the next candidate
                if (Files.isExecutable(probe)) {
                    return d;
                }
                Files.delete(probe);
                Files.delete(d);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException(
                "no private directory for the askpass helper (tried " + candidates
                        + "; each must be writable and allow executing files)",
                last);
    }

    private void create(String preamble, boolean answers) throws IOException {
        String body = "#!/bin/sh\n"
                + "# econtext askpass: answers one password prompt from the FIFO beside it, once\n"
                + preamble + (preamble.isEmpty() || preamble.endsWith("\n") ? "" : "\n")
                + (answers ? "exec cat " + quote(fifo.toString()) + " 2>/dev/null\n" : "exit 1\n");
        Files.write(script, body.getBytes(StandardCharsets.UTF_8));
        if (!answers) {
            return;
        }
        Process p;
        try {
            p = InheritedEnvironment.processBuilder("mkfifo", "-m", "600", fifo.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run mkfifo for the askpass FIFO (" + e.getMessage() + "): install coreutils", e);
        }
        String out = readAll(p.getInputStream());
        try {
            if (p.waitFor() != 0) {
                throw new IOException("mkfifo " + fifo + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the askpass FIFO", e);
        }
    }

    /** {@code s} as one word for {@code /bin/sh}. */
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        int n;
        while ((n = in.read(buf)) > 0) {
            b.write(buf, 0, n);
        }
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    private void startWriter(final Secret password, String threadName) {
        Thread t = new Thread(
                new Runnable() {
                    @Override
                    public void run() {
                        writeOnce(password);
                    }
                },
                threadName);
        t.setDaemon(true);
        t.start();
    }

    private void writeOnce(Secret password) {
        if (closed) {
            return;
        }
        // WRITE without CREATE: blocks until a reader opens the FIFO, and never creates a regular file in its place
        try (OutputStream out = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
            // a reader has opened the FIFO: take the name away before writing, so that it is the only reader
            Files.deleteIfExists(fifo);
            if (closed) {
                return;
            }
            byte[] line = encodeLine(password);
            try {
                out.write(line);
            } finally {
                Arrays.fill(line, (byte) 0);
            }
        } catch (IOException e) {
            // released by close(), or the reader went away: nothing to deliver any more
        }
    }

    private static byte[] encodeLine(Secret password) {
        char[] chars = password.reveal();
        ByteBuffer bytes = null;
        try {
            bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            byte[] line = new byte[bytes.remaining() + 1];
            bytes.get(line, 0, line.length - 1);
            line[line.length - 1] = '\n';
            return line;
        } finally {
            Arrays.fill(chars, '\0');
            if (bytes != null && bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    /**
     * Ends the exchange: a writer still waiting for a reader is released (it writes nothing), and the directory is
     * deleted. Idempotent; may be called from any thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Files.exists(fifo)) {
            // opening a FIFO read-write never blocks on Linux and counts as a reader: the writer's open returns,
            // it sees closed and writes nothing
            try {
                new RandomAccessFile(fifo.toFile(), "rw").close();
            } catch (IOException e) {
                // the writer already took the name away
            }
        }
        deleteQuietly(fifo);
        deleteQuietly(script);
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: it holds no secret
        }
    }
}
