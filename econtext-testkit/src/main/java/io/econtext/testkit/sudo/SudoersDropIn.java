package io.econtext.testkit.sudo;

import io.econtext.testkit.sshd.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One sudoers file of a {@link SudoFixture} in {@code /etc/sudoers.d}, named {@code econtext-testkit-PID-RANDOM}.
 *
 * <p>sudo reads every file in that directory whose name has no dot and does not end in {@code ~}, so a file is never
 * edited in place: its new content goes to {@code NAME.tmp} beside it (which sudo skips), mode 0440, owned by root,
 * is checked alone with {@code visudo -c -f}, then renamed over the file in one step, and then the whole
 * configuration is checked with {@code visudo -c}; when that fails the old content comes back. A broken sudoers file
 * would lock every user, root's own {@code sudo} included, out of sudo on the machine.
 *
 * <p>Not thread-safe: its fixture serializes the calls.
 */
final class SudoersDropIn {
    static final Path SUDO = Path.of("/usr/bin/sudo");
    static final Path VISUDO = Path.of("/usr/sbin/visudo");
    static final Path SUDOERS = Path.of("/etc/sudoers");
    static final Path DIR = Path.of("/etc/sudoers.d");
    static final String PREFIX = "econtext-testkit-";

    /** A file of ours, or its temp file: {@code econtext-testkit-PID-RANDOM[.tmp]}. */
    private static final Pattern OURS = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-f]+(\\.tmp)?");
    /** {@code #includedir} is a directive, not a comment: sudo before 1.9.1 knows only that spelling. */
    private static final Pattern INCLUDES_DIR = Pattern.compile("\\s*[@#]includedir\\s+/etc/sudoers\\.d/?\\s*");
    /** Where visudo puts the error: "FILE:LINE:COLUMN: syntax error" (1.9), "... near line LINE <<<" (older). */
    private static final String ERROR_AT_LINE = ":(\\d+):\\d+:|near line (\\d+)";

    private static final Duration VISUDO_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final Path temp;
    private final String header;
    private List<String> lines = List.of();

    private SudoersDropIn(Path file, String header) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
        this.header = header;
    }

    /** A new name for this JVM; the file is written by the first {@link #append}. */
    static SudoersDropIn create() {
        long pid = ProcessHandle.current().pid();
        String random = Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        return new SudoersDropIn(
                DIR.resolve(PREFIX + pid + "-" + random),
                "# econtext-testkit SudoFixture of JVM " + pid + ": deleted when the fixture closes or the JVM exits");
    }

    Path file() {
        return file;
    }

    /**
     * Adds {@code more} at the end of the file, or throws {@link IllegalArgumentException} naming the lines that
     * visudo rejects, leaving the file as it was.
     */
    void append(List<String> more) throws IOException {
        for (String line : more) {
            checkLine(line);
        }
        List<String> updated = new ArrayList<>(lines);
        updated.addAll(more);
        List<String> content = content(updated);
        write(content);
        ProcessRunner.Result alone = visudo("-c", "-f", "" + temp);
        if (!alone.succeeded()) {
            Files.deleteIfExists(temp);
            throw new IllegalArgumentException(
                    "visudo rejects sudoers " + describe(offending(alone, content, more)) + ": " + visudoOutput(alone));
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ProcessRunner.Result whole = visudo("-c");
        if (!whole.succeeded()) {
            restore();
            throw new IllegalArgumentException("visudo rejects the sudo configuration with sudoers "
                    + describe(more) + " added to " + file + " (valid alone, so they clash with another file): "
                    + visudoOutput(whole));
        }
        lines = List.copyOf(updated);
    }

    /** Deletes the file and its temp file, if there are any. */
    void delete() throws IOException {
        Files.deleteIfExists(temp);
        Files.deleteIfExists(file);
    }

    /** Deletes the files (and temp files) of JVMs that died without deleting them, found by their dead PID. */
    static void sweepDeadJvms() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.collect(Collectors.toList())) {
                Matcher m = OURS.matcher(f.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Whether {@code sudoers} has {@code @includedir /etc/sudoers.d} (or {@code #includedir}, the old spelling). */
    static boolean includesDropIns(Path sudoers) throws IOException {
        try (Stream<String> lines = Files.lines(sudoers)) {
            return lines.anyMatch(line -> INCLUDES_DIR.matcher(line).matches());
        }
    }

    /** Throws unless the sudo configuration is valid as it stands, before any fixture of this JVM changes it. */
    static void checkConfiguration() throws IOException {
        ProcessRunner.Result r = visudo("-c");
        if (!r.succeeded()) {
            throw new IllegalStateException(
                    "the sudo configuration is invalid before the fixture changed it: " + visudoOutput(r));
        }
    }

    private void restore() throws IOException {
        if (lines.isEmpty()) {
            delete();
            return;
        }
        write(content(lines));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private List<String> content(List<String> body) {
        List<String> content = new ArrayList<>(body.size() + 1);
        content.add(header);
        content.addAll(body);
        return content;
    }

    /** Writes the temp file, mode 0440 and owned by root, as visudo requires. */
    private void write(List<String> content) throws IOException {
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temp, content);
        Files.setAttribute(temp, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(temp, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r--r-----"));
    }

    /** The lines visudo names in its complaint about the temp file; all of {@code added} when it names none. */
    private List<String> offending(ProcessRunner.Result result, List<String> content, List<String> added) {
        Set<String> named = new LinkedHashSet<>();
        Matcher m = Pattern.compile(Pattern.quote("" + temp) + ".*?(?:" + ERROR_AT_LINE + ")")
                .matcher(result.stdout() + "\n" + result.stderr());
        while (m.find()) {
            int number = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            if (number >= 2 && number <= content.size()) { // line 1 is our header
                named.add(content.get(number - 1));
            }
        }
        return named.isEmpty() ? added : List.copyOf(named);
    }

    private static void checkLine(String line) {
        if (line == null || line.matches("(?s).*[\\n\\r\\x00].*") || line.endsWith("\\")) {
            throw new IllegalArgumentException("line : " + (line == null ? null : quote(line))
                    + " (expected: one sudoers line: no line break or NUL, no trailing backslash)");
        }
    }

    private static String describe(List<String> lines) {
        return (lines.size() == 1 ? "line " : "lines ")
                + lines.stream().map(SudoersDropIn::quote).collect(Collectors.joining(", "));
    }

    private static String quote(String line) {
        return "\"" + line.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0") + "\"";
    }

    private static String visudoOutput(ProcessRunner.Result result) {
        String output = (result.stderr().strip() + "\n" + result.stdout().strip()).strip();
        return output.isEmpty() ? "(no output, exit status " + result.exitCode() + ")" : output;
    }

    private static ProcessRunner.Result visudo(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("" + VISUDO));
        command.addAll(List.of(args));
        return ProcessRunner.of(command).timeout(VISUDO_TIMEOUT).run();
    }
}
