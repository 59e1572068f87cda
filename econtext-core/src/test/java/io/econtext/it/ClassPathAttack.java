package io.econtext.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A local user's attack on the class path of a running child, performed for real by the unprivileged user {@value
 * #ATTACKER} (through util-linux {@code setpriv}). The attacker re-creates every path it can learn of with planted code
 * whose static initialisers leave a marker file:
 *
 * <pre>
 * PATH/Planted.class                                                  ran: MARKERS/Planted
 * PATH/planted.txt
 * PATH/META-INF/services/java.time.zone.ZoneRulesProvider     -&gt; PlantedZones      ran: MARKERS/PlantedZones
 * PATH/META-INF/services/java.nio.charset.spi.CharsetProvider -&gt; PlantedCharsets   ran: MARKERS/PlantedCharsets
 * (a jar of the same tree where the path names a file)
 * </pre>
 *
 * The paths: a racer that watches a world-writable sticky candidate directory (like {@code /dev/shm}) and re-creates
 * each first-stage directory the moment it is deleted ({@link #race}); then every class-path entry and path argument
 * on the child's command line, read as the attacker from {@code /proc/PID/cmdline}, plus wherever the child's JDK
 * resolved its class path to ({@link #plant}). {@link PlantedLookups#run} in the child then asks its system class
 * loader for all of it.
 *
 * <p>Needs root (to become the attacker and remove what it planted): {@link #prepare} aborts the test otherwise.
 * {@link #close} stops the racer and removes everything the attacker created.
 */
public final class ClassPathAttack implements AutoCloseable {
    public static final String ATTACKER = "nobody";
    public static final String PLANTED_CLASS = "Planted";
    public static final String PLANTED_RESOURCE = "planted.txt";
    public static final String PLANTED_ZONE = "Planted/Zone";
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Duration COMMAND_BOUND = Duration.ofSeconds(20);

    /** As the attacker: plants at each {@code "DIR path"} or {@code "JAR path"} line of stdin, and says how it went. */
    private static final String PLANT = "while read -r kind p; do\n"
            + "  [ -e \"$p\" ] && { echo \"exists $p\"; continue; }\n"
            + "  case $kind in\n"
            + "    DIR) mkdir -p \"$p\" 2>/dev/null && cp -R \"$K/tree/.\" \"$p/\" 2>/dev/null;;\n"
            + "    JAR) mkdir -p \"${p%/*}\" 2>/dev/null && cp \"$K/planted.jar\" \"$p\" 2>/dev/null;;\n"
            // the racer (the same attacker) may take the name between the test and the copy: it holds it either way
            + "  esac && echo \"planted $p\" || { [ -e \"$p\" ] && echo \"exists $p\" || echo \"refused $p\"; }\n"
            + "done\n";

    private final Path kit;
    private final Path markers;
    private final Path candidates;
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());
    private final List<String> racerLines = Collections.synchronizedList(new ArrayList<>());
    private Process racer;

    private ClassPathAttack(Path kit) {
        this.kit = kit;
        this.markers = kit.resolve("markers");
        this.candidates = kit.resolve("shm");
    }

    /**
     * Builds the attacker's kit in a fresh directory under {@code /tmp}: the planted tree and jar (readable by all), a
     * marker directory and a candidate directory (both mode 1777, like {@code /dev/shm}).
     */
    public static ClassPathAttack prepare() throws IOException {
        assumeTrue(
                "0".equals(run(List.of("id", "-u")).strip()),
                "must run as root: the attack runs as the user " + ATTACKER + " and cleans up after it");
        assumeTrue(Files.isExecutable(SETPRIV), "setpriv not installed: apt-get install util-linux");
        Path kit = Files.createTempDirectory(Path.of("/tmp"), "econtext-attack-");
        ClassPathAttack attack = new ClassPathAttack(kit);
        try {
            Files.setPosixFilePermissions(kit, PosixFilePermissions.fromString("rwxr-xr-x"));
            attack.build();
            return attack;
        } catch (IOException | RuntimeException e) {
            attack.close();
            throw e;
        }
    }

    /** A directory as world-writable as {@code /dev/shm}, for {@code firstStageDirs}. */
    public String candidateDir() {
        return candidates.toString();
    }

    /**
     * A {@code javaPath} that lets the attacker win every race: run by the boot script as the child's user, at the
     * worst moment (the first stage written, the JVM not yet started), it tells the attacker where the first stage
     * was written, as the JVM's class path will see it ({@code /proc/self/fd/5}), waits until the attacker has planted
     * its jar and tree there (and at that path without {@code " (deleted)"}), then becomes {@code realJava}. What the
     * attacker did is in {@link #plantedBeforeTheJvmStarted}.
     */
    public String javaThatLetsTheAttackerPlantFirst(String realJava) throws IOException {
        Path wrapper = kit.resolve("java-after-the-attacker");
        Files.writeString(
                wrapper,
                "#!/bin/sh\n"
                        + "p=$(readlink /proc/$$/fd/5)\n"
                        + "printf 'JAR %s\\nJAR %s\\n' \"${p% (deleted)}\" \"$p\" | K="
                        + quote(kit.toString()) + " " + SETPRIV
                        + " --reuid=" + ATTACKER + " --regid=nogroup --clear-groups -- /bin/sh -c "
                        + quote(PLANT) + " >>"
                        + quote(kit.resolve("planted-first").toString()) + " 2>&1\n"
                        + "exec " + quote(realJava) + " \"$@\"\n");
        run(List.of("chmod", "755", wrapper.toString()));
        return wrapper.toString();
    }

    /**
     * What the attacker did before the JVM started (see {@link #javaThatLetsTheAttackerPlantFirst}). A path the racer
     * (the same attacker, see {@link #race}) had already re-created with its planted tree reads {@code "planted PATH
     * (by the racer)"}: the attacker holds it either way.
     */
    public List<String> plantedBeforeTheJvmStarted() throws IOException {
        Path report = kit.resolve("planted-first");
        if (!Files.exists(report)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(report));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("exists ") && racerReCreated(line.substring("exists ".length()))) {
                lines.set(i, "planted " + line.substring("exists ".length()) + " (by the racer)");
            } else if (line.startsWith("planted ")) {
                created.add(line.substring("planted ".length()));
            }
        }
        return lines;
    }

    /** Whether the racer says it re-created {@code path}; its line may still be on its way for a moment. */
    private boolean racerReCreated(String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!racerLines.contains("re-created " + path)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Starts the racer: as the attacker, polls {@link #candidateDir} every few ms, remembers each {@code econtext.*}
     * it sees, and re-creates it with the planted tree (and a planted jar under each of {@code fileNames}) as soon as
     * it is gone.
     */
    public void race(List<String> fileNames) throws IOException {
        String script = "seen=\n"
                + "while :; do\n"
                + "  for d in \"$C\"/econtext.*; do\n"
                + "    [ -e \"$d\" ] || continue\n"
                + "    case \" $seen \" in *\" $d \"*) ;; *) seen=\"$seen $d\"; echo \"saw $d\";; esac\n"
                + "  done\n"
                + "  for d in $seen; do\n"
                + "    [ -e \"$d\" ] && continue\n"
                + "    mkdir \"$d\" 2>/dev/null || continue\n"
                + "    cp -R \"$K/tree/.\" \"$d/\"\n"
                + "    for n in $NAMES; do cp \"$K/planted.jar\" \"$d/$n\"; done\n"
                + "    echo \"re-created $d\"\n"
                + "  done\n"
                + "  sleep 0.005\n"
                + "done\n";
        ProcessBuilder pb = asAttacker(script).redirectErrorStream(true);
        pb.environment().put("C", candidates.toString());
        pb.environment().put("K", kit.toString());
        pb.environment().put("NAMES", String.join(" ", fileNames));
        racer = pb.start();
        racer.getOutputStream().close();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(racer.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            racerLines.add(line);
                            if (line.startsWith("re-created ")) {
                                created.add(line.substring("re-created ".length()));
                            }
                        }
                    } catch (IOException ignored) {
                        // the racer was stopped
                    }
                },
                "class-path-racer");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * As the attacker: reads the child's command line from {@code /proc/PID/cmdline} and re-creates every class-path
     * entry and every absolute path argument, then each of {@code known} ({@code "DIR path"} or {@code "JAR path"}).
     * Returns one line per target: {@code planted PATH}, {@code exists PATH} or {@code refused PATH}.
     */
    public List<String> plant(long pid, List<String> known) throws IOException {
        String cmdline = run(asAttacker("cat /proc/" + pid + "/cmdline"));
        List<String> targets = new ArrayList<>(targets(List.of(cmdline.split("\0"))));
        targets.addAll(known);
        ProcessBuilder pb = asAttacker(PLANT);
        pb.environment().put("K", kit.toString());
        List<String> report = new ArrayList<>();
        for (String line : run(pb, String.join("\n", targets) + "\n").split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            report.add(line);
            if (line.startsWith("planted ")) {
                created.add(line.substring("planted ".length()));
            }
        }
        return report;
    }

    /** The targets on a command line: class-path entries (a jar where the name says so) and absolute path arguments. */
    static List<String> targets(List<String> argv) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            String classPath = null;
            if ((a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) && i + 1 < argv.size()) {
                classPath = argv.get(++i);
            } else if (a.startsWith("--class-path=")) {
                classPath = a.substring("--class-path=".length());
            } else if (a.startsWith("-Djava.class.path=")) {
                classPath = a.substring("-Djava.class.path=".length());
            } else if (a.startsWith("/")) {
                out.add("DIR " + a);
            }
            if (classPath != null) {
                for (String entry : classPath.split(":")) {
                    if (entry.startsWith("/")) {
                        out.add((entry.endsWith(".jar") || entry.endsWith(".zip") ? "JAR " : "DIR ") + entry);
                    }
                }
            }
        }
        return out;
    }

    /** The names of the markers planted code left, empty when none of it ran. */
    public List<String> markers() throws IOException {
        try (Stream<Path> s = Files.list(markers)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Stops the racer and removes the kit and everything the attacker created, as root. */
    @Override
    public void close() {
        if (racer != null) {
            racer.descendants().forEach(ProcessHandle::destroyForcibly);
            racer.destroyForcibly();
            try {
                racer.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> paths;
        synchronized (created) {
            paths = new ArrayList<>(created);
        }
        for (String p : paths) {
            deleteTree(outermostOfAttacker(Path.of(p)));
        }
        deleteTree(kit);
    }

    /** {@code path} or its highest ancestor that the attacker owns: what it created to get there. */
    private static Path outermostOfAttacker(Path path) {
        Path top = path;
        for (Path p = path.getParent(); p != null; p = p.getParent()) {
            try {
                if (!Files.getOwner(p).getName().equals(ATTACKER)) {
                    break;
                }
            } catch (IOException e) {
                break;
            }
            top = p;
        }
        return top;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + root, e);
        }
    }

    private void build() throws IOException {
        Files.createDirectory(markers);
        Files.setPosixFilePermissions(markers, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectory(candidates);
        // mode 1777 as /dev/shm and /tmp: java.nio cannot set the sticky bit
        run(List.of("chmod", "1777", candidates.toString()));
        Path src = Files.createDirectories(kit.resolve("src"));
        Path tree = Files.createDirectories(kit.resolve("tree"));
        String mark = "static { try { java.nio.file.Files.createFile(java.nio.file.Path.of(\"" + markers
                + "\", \"%s\")); } catch (Exception e) { } }\n";
        Files.writeString(
                src.resolve("Planted.java"), "public class Planted {\n" + String.format(mark, "Planted") + "}\n");
        Files.writeString(
                src.resolve("PlantedZones.java"),
                "public class PlantedZones extends java.time.zone.ZoneRulesProvider {\n"
                        + String.format(mark, "PlantedZones")
                        + "protected java.util.Set<String> provideZoneIds() { return java.util.Set.of(\""
                        + PLANTED_ZONE + "\"); }\n"
                        + "protected java.time.zone.ZoneRules provideRules(String id, boolean c) {"
                        + " return java.time.ZoneOffset.UTC.getRules(); }\n"
                        + "protected java.util.NavigableMap<String, java.time.zone.ZoneRules> provideVersions(String id)"
                        + " { return new java.util.TreeMap<>(); }\n"
                        + "}\n");
        Files.writeString(
                src.resolve("PlantedCharsets.java"),
                "public class PlantedCharsets extends java.nio.charset.spi.CharsetProvider {\n"
                        + String.format(mark, "PlantedCharsets")
                        + "public java.util.Iterator<java.nio.charset.Charset> charsets() {"
                        + " return java.util.Collections.emptyIterator(); }\n"
                        + "public java.nio.charset.Charset charsetForName(String n) { return null; }\n"
                        + "}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "the tests need a JDK (javax.tools), not a JRE");
        List<String> args = new ArrayList<>(List.of("-d", tree.toString(), "--release", "17", "-proc:none"));
        try (Stream<Path> s = Files.list(src)) {
            s.forEach(p -> args.add(p.toString()));
        }
        if (javac.run(null, null, null, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException("could not compile the planted classes in " + src);
        }
        Path services = Files.createDirectories(tree.resolve("META-INF/services"));
        Files.writeString(services.resolve("java.time.zone.ZoneRulesProvider"), "PlantedZones\n");
        Files.writeString(services.resolve("java.nio.charset.spi.CharsetProvider"), "PlantedCharsets\n");
        Files.writeString(tree.resolve(PLANTED_RESOURCE), "planted by " + ATTACKER + "\n");
        try (OutputStream out = Files.newOutputStream(kit.resolve("planted.jar"));
                JarOutputStream jar = new JarOutputStream(out);
                Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(tree.relativize(p).toString()));
                jar.write(Files.readAllBytes(p));
                jar.closeEntry();
            }
        }
        run(List.of("chmod", "-R", "a+rX", kit.toString()));
    }

    private static ProcessBuilder asAttacker(String script) {
        return new ProcessBuilder(
                SETPRIV.toString(),
                "--reuid=" + ATTACKER,
                "--regid=nogroup",
                "--clear-groups",
                "--",
                "/bin/sh",
                "-c",
                script);
    }

    private static String run(List<String> command) throws IOException {
        return run(new ProcessBuilder(command), "");
    }

    private static String run(ProcessBuilder pb) throws IOException {
        return run(pb, "");
    }

    private static String run(ProcessBuilder pb, String stdin) throws IOException {
        Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(pb.command() + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + pb.command(), e);
        }
        return out;
    }
}
