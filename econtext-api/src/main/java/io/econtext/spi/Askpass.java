package io.econtext.transport.ssh;

import io.econtext.Secret;
import io.econtext.internal.boot.BootScript;
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
import java.util.Map;

/**
 * Hands a password to OpenSSH at its prompt, through {@code SSH_ASKPASS} (with {@code SSH_ASKPASS_REQUIRE=force},
 * OpenSSH 8.4 or newer), without the password ever being on a command line, in an environment variable, in a file or
 * in a log.
 *
 * <pre>
 *  this JVM                                      ssh                    askpass script D/askpass (mode 700)
 *  mkdir D (700); mkfifo D/pw (600)
 *  write D/askpass: holds D's path, no secret
 *  start ssh, env SSH_ASKPASS=D/askpass
 *  writer thread: open D/pw for writing
 *     ... blocks until someone reads ...     password prompt  ------&gt;  exec cat D/pw   (opens the read end)
 *  open returns: unlink D/pw at once,
 *  then write "password\n", close  -------------------------------------&gt;  prints it; ssh reads one line
 *                                            wrong? a 2nd prompt -----&gt;  D/pw is gone: cat fails, exit 1
 *  first byte on ssh's stdout (logged in), or ssh's exit: close(): release the writer, delete D
 * </pre>
 *
 * Why this is safe:
 * <ul>
 *   <li>argv and environment of every process hold paths and the prompt only; {@code ps} shows no secret.
 *   <li>A FIFO has no data blocks: the bytes go from this JVM through a kernel pipe buffer to the one reader, and
 *       never rest on any disk, wherever the directory is. A crash leaves an empty FIFO, never a password.
 *   <li>Only this user (and root, who can read this JVM's memory anyway) can open the FIFO: directory 700, FIFO 600.
 *   <li>Exactly one reader gets it: the FIFO is unlinked as soon as a reader has opened it, before the write, so no
 *       second open can succeed; a second prompt (the password was wrong) fails at once instead of hanging, and ssh
 *       is also told to ask only once ({@code NumberOfPasswordPrompts=1}).
 *   <li>Prompts that are not for the login password (a key's passphrase, a PIN, a yes/no question) are refused by
 *       the script, so the password is only ever typed into the server's prompt.
 * </ul>
 *
 * <p>Threads: one daemon thread blocks in the FIFO's open until ssh asks or {@link #close()} releases it.
 * JDK-only (intermediate contexts run it), apart from {@code mkfifo} on the booting host.
 */
final class Askpass implements AutoCloseable {
    private final Path dir;
    private final Path fifo;
    private final Path script;
    private volatile boolean closed;

    private Askpass(Path dir) {
        this.dir = dir;
        this.fifo = dir.resolve("pw");
        this.script = dir.resolve("askpass");
    }

    /** Creates the directory, FIFO and script, and starts the writer for {@code password}. */
    static Askpass start(Secret password, String contextName) throws IOException {
        Askpass a = new Askpass(privateDirectory());
        try {
            a.create();
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
        a.startWriter(password, contextName);
        return a;
    }

    /** What ssh's environment needs to use this askpass. */
    Map<String, String> environment() {
        return Map.of("SSH_ASKPASS", script.toString(), "SSH_ASKPASS_REQUIRE", "force");
    }

    Path directory() {
        return dir;
    }

    /** A private directory where a script may be executed (a {@code noexec} mount would make ssh's exec fail). */
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
                "no private directory for the ssh askpass program (tried " + candidates
                        + "; each must be writable and allow executing files)",
                last);
    }

    private void create() throws IOException {
        String body = "#!/bin/sh\n"
                + "# econtext askpass: answers one login password prompt from the FIFO beside it, refuses the rest\n"
                + "case \"$1\" in *passphrase*|*PIN*|*yes/no*) exit 1 ;; esac\n"
                + "exec cat " + BootScript.quote(fifo.toString()) + " 2>/dev/null\n";
        Files.write(script, body.getBytes(StandardCharsets.UTF_8));
        Process p = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString())
                .redirectErrorStream(true)
                .start();
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

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        int n;
        while ((n = in.read(buf)) > 0) {
            b.write(buf, 0, n);
        }
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    private void startWriter(final Secret password, String contextName) {
        Thread t = new Thread(
                new Runnable() {
                    @Override
                    public void run() {
                        writeOnce(password);
                    }
                },
                "econtext-askpass-" + contextName);
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
