package io.econtext.cli;

import io.econtext.fakessh.FakeSshCommand;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a local tool's stdout and stderr go. Into this process's own streams (inherited: the tool sees our terminal,
 * shows its progress, asks for what it needs) when {@link Main} prints to them, as {@code econtext} does; otherwise,
 * when {@link Main#run} was given other streams (a test, an embedding), into private files that {@link #close()}
 * copies to those streams once the tool ended, however it ended.
 *
 * <pre>{@code
 * try (ToolOutput output = ToolOutput.open("rsync", main.out(), main.err())) {
 *     return output.applyTo(FakeSsh.command(context, argv)).run();
 * }
 * }</pre>
 */
final class ToolOutput implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;
    /** The private directory of the collected output; {@code null} when both streams are inherited. */
    private final Path dir;

    private ToolOutput(PrintStream out, PrintStream err, Path dir) {
        this.out = out;
        this.err = err;
        this.dir = dir;
    }

    /** Output for a run of {@code tool} that ends up in {@code out} and {@code err}. */
    static ToolOutput open(String tool, PrintStream out, PrintStream err) throws IOException {
        if (out == System.out && err == System.err) {
            return new ToolOutput(out, err, null);
        }
        Path dir = Files.createTempDirectory(
                "econtext-" + tool + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new ToolOutput(out, err, dir);
    }

    /** Redirects the run's stdout and stderr here; stdin stays inherited. */
    FakeSshCommand applyTo(FakeSshCommand run) {
        if (out != System.out) {
            run.redirectOutput(ProcessBuilder.Redirect.to(file("out")));
        }
        if (err != System.err) {
            run.redirectError(ProcessBuilder.Redirect.to(file("err")));
        }
        return run;
    }

    /** Copies what was collected to its stream and removes the files. */
    @Override
    public void close() {
        if (dir == null) {
            return;
        }
        try {
            copy("out", out);
            copy("err", err);
        } finally {
            try {
                Files.deleteIfExists(dir.resolve("out"));
                Files.deleteIfExists(dir.resolve("err"));
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                err.println("econtext: cannot remove " + dir + ": " + e.getMessage());
            }
        }
    }

    private File file(String name) {
        return dir.resolve(name).toFile();
    }

    private void copy(String name, PrintStream to) {
        Path collected = dir.resolve(name);
        if (!Files.exists(collected)) {
            return;
        }
        try {
            Files.copy(collected, to);
            to.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the tool's " + name + " from " + collected, e);
        }
    }
}
