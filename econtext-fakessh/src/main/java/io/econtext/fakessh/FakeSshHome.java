package io.econtext.fakessh;

import io.econtext.spi.InheritedEnvironment;
import io.econtext.spi.Shell;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The private directory of one fakessh run (mode 0700, RAM-backed where possible): the fake {@code ssh} script, the
 * control FIFO it announces itself on, and one subdirectory per invocation with its FIFOs. The script is plain
 * {@code sh} with {@code cat} and {@code mkfifo}, so an invocation costs a few milliseconds, not a JVM:
 *
 * <pre>
 * ssh [options] host command...          (run by the tool)
 *   d=$(mktemp -d DIR/s.XXXXXX); mkfifo $d/in $d/out $d/err $d/rc
 *   printf '%s\0' "$@" &gt;$d/argv; echo "$$ $d" &gt;DIR/ctl        → the master starts a {@link LocalSession}
 *   cat $d/err &gt;&amp;2 &amp;   cat &lt;stdin &gt;$d/in &amp;   cat $d/out      ← stdio, pumped by the master
 *   exit $(cat $d/rc)                                          ← the remote command's exit status
 * </pre>
 *
 * <p>Threads: {@link #nextInvocation()} is called by one dispatcher thread; {@link #close()} from the run's thread.
 */
final class FakeSshHome implements AutoCloseable {
    private static final String STOP = "stop";

    private final Path dir;
    private final Path ssh;
    private final Path control;
    private final RandomAccessFile controlEnd;

    private FakeSshHome(Path dir, Path ssh, Path control, RandomAccessFile controlEnd) {
        this.dir = dir;
        this.ssh = ssh;
        this.control = control;
        this.controlEnd = controlEnd;
    }

    /** Creates the directory under the first usable of {@code $XDG_RUNTIME_DIR}, {@code /dev/shm}, java.io.tmpdir. */
    static FakeSshHome create() throws IOException {
        Path dir = Files.createTempDirectory(
                parent(),
                "econtext-fakessh-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path control = dir.resolve("ctl");
            mkfifo(control);
            Path ssh = dir.resolve("ssh");
            Files.writeString(ssh, script(dir, control), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
            // read-write: opening never blocks, and the FIFO never reports end of file between invocations
            RandomAccessFile end = new RandomAccessFile(control.toFile(), "rw");
            return new FakeSshHome(dir, ssh, control, end);
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static Path parent() {
        for (String candidate : new String[] {System.getenv("XDG_RUNTIME_DIR"), "/dev/shm"}) {
            if (candidate != null && !candidate.isEmpty()) {
                Path p = Path.of(candidate);
                if (Files.isDirectory(p) && Files.isWritable(p)) {
                    return p;
                }
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static String script(Path dir, Path control) {
        String d = Shell.quote(dir.toString());
        return "#!/bin/sh\n"
                + "# econtext fakessh: hands this ssh invocation to the econtext master that started the tool\n"
                + "d=$(mktemp -d " + d + "/s.XXXXXX) || exit 255\n"
                + "mkfifo \"$d/in\" \"$d/out\" \"$d/err\" \"$d/rc\" || exit 255\n"
                + "printf '%s\\0' \"$@\" >\"$d/argv\" || exit 255\n"
                + "echo \"$$ $d\" >" + Shell.quote(control.toString()) + " || exit 255\n"
                + "cat \"$d/err\" >&2 &\n"
                + "e=$!\n"
                + "exec 3<&0\n"
                + "cat <&3 >\"$d/in\" 2>/dev/null &\n"
                + "i=$!\n"
                + "exec 3<&-\n"
                + "cat \"$d/out\"\n"
                + "wait $e\n"
                + "rc=$(cat \"$d/rc\")\n"
                + "kill $i 2>/dev/null\n"
                + "exit ${rc:-255}\n";
    }

    /** The fake {@code ssh} program. */
    Path ssh() {
        return ssh;
    }

    /** The directory that holds it, for {@code PATH}. */
    Path dir() {
        return dir;
    }

    /**
     * Waits for the next invocation and returns {@code [pid, dir]} of its script, or {@code null} after
     * {@link #stopListening()}.
     */
    String[] nextInvocation() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = controlEnd.read()) >= 0) {
            if (c == '\n') {
                String text = line.toString();
                if (text.equals(STOP)) {
                    return null;
                }
                int space = text.indexOf(' ');
                if (space > 0) {
                    return new String[] {text.substring(0, space), text.substring(space + 1)};
                }
                line.setLength(0);
                continue;
            }
            line.append((char) c);
        }
        return null;
    }

    /** Makes {@link #nextInvocation()} return {@code null}. */
    void stopListening() {
        try {
            controlEnd.write((STOP + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // closed already
        }
    }

    /** Deletes the directory with everything in it. */
    @Override
    public void close() {
        try {
            controlEnd.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        deleteTree(dir);
    }

    static void mkfifo(Path path) throws IOException {
        Process p = InheritedEnvironment.processBuilder("mkfifo", "-m", "600", path.toString())
                .redirectErrorStream(true)
                .start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("mkfifo " + path + " failed: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + path, e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // gone already, or partly: nothing more to do
        }
    }
}
