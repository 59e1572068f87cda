package io.econtext.internal.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.internal.protocol.ClassAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ClassServerTest {
    private static final Map<String, String> SOURCES = Map.of(
            "fx/Shape.java", "package fx; public interface Shape {}",
            "fx/Named.java", "package fx; public interface Named extends Shape {}",
            "fx/Base.java", "package fx; public class Base {}",
            "fx/Sample.java",
                    "package fx; public class Sample extends Base implements Named {"
                            + " public Object helper() { return new Helper(); } }",
            "fx/Helper.java", "package fx; public class Helper { public Object deep() { return new Deep(); } }",
            "fx/Deep.java", "package fx; public class Deep { public Object deeper() { return new Deeper(); } }",
            "fx/Deeper.java", "package fx; public class Deeper {}",
            "fx/UsesSecret.java",
                    "package fx; public class UsesSecret { public Object key() { return new fx.secret.Key(); } }",
            "fx/secret/Key.java", "package fx.secret; public class Key {}");

    @TempDir
    static Path temp;

    static Path classes;
    static Path moreResources;
    static URLClassLoader loader;

    @BeforeAll
    static void compileFixtures() throws IOException {
        Path sources = Files.createDirectories(temp.resolve("src"));
        classes = Files.createDirectories(temp.resolve("classes"));
        moreResources = Files.createDirectories(temp.resolve("more"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
        for (Map.Entry<String, String> source : SOURCES.entrySet()) {
            Path file = sources.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, arguments.toArray(new String[0])))
                .as("javac exit status")
                .isZero();

        // class files where a JDK class would be: present on the class path, still never served
        copy(classes.resolve("fx/Deeper.class"), classes.resolve("javax/fake/Thing.class"));
        copy(classes.resolve("fx/Deeper.class"), classes.resolve("org/w3c/dom/Node.class"));
        write(classes.resolve("res/app.properties"), "first");
        write(moreResources.resolve("res/app.properties"), "second");
        write(temp.resolve("outside.txt"), "secret");
        plantLinksAndHiddenFiles();
        Path jar = temp.resolve("resources.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("res/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("res/app.properties"));
            out.write("third".getBytes(UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("jarred/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("jarred/data.txt"));
            out.write("from a jar".getBytes(UTF_8));
            out.closeEntry();
            for (String hidden : List.of(".hidden/x", "jarred/.env", "META-INF/.secret")) {
                out.putNextEntry(new JarEntry(hidden));
                out.write("hidden in a jar".getBytes(UTF_8));
                out.closeEntry();
            }
        }

        loader = new URLClassLoader(
                new URL[] {
                    classes.toUri().toURL(),
                    moreResources.toUri().toURL(),
                    jar.toUri().toURL()
                },
                ClassLoader.getPlatformClassLoader());
    }

    /**
     * Beside {@code classes}: {@code outside-dir/shadow} and {@code outside.txt}, secrets. Inside it:
     *
     * <pre>
     * etc-link -> outside-dir                  link-to-secret.txt -> outside.txt
     * fx/Leak.class -> outside.txt             .hidden/x, .ssh/id_rsa, res/.env
     * sneaky -> .ssh/id_rsa                    inside-link.txt -> res/app.properties
     * res-link -> res                          absolute-inside-link.txt -> (absolute path of) res/app.properties
     * fifo                                     a named pipe
     * </pre>
     */
    private static void plantLinksAndHiddenFiles() throws IOException {
        Path outsideDir = Files.createDirectories(temp.resolve("outside-dir"));
        write(outsideDir.resolve("shadow"), "root:SECRET:19000::::::");
        Files.createSymbolicLink(classes.resolve("etc-link"), outsideDir);
        Files.createSymbolicLink(classes.resolve("link-to-secret.txt"), temp.resolve("outside.txt"));
        Files.createSymbolicLink(classes.resolve("fx/Leak.class"), temp.resolve("outside.txt"));
        write(classes.resolve(".hidden/x"), "hidden");
        write(classes.resolve(".ssh/id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----");
        write(classes.resolve("res/.env"), "PASSWORD=hunter2");
        Files.createSymbolicLink(classes.resolve("sneaky"), Path.of(".ssh/id_rsa"));
        Files.createSymbolicLink(classes.resolve("inside-link.txt"), Path.of("res/app.properties"));
        Files.createSymbolicLink(classes.resolve("res-link"), Path.of("res"));
        Files.createSymbolicLink(classes.resolve("absolute-inside-link.txt"), classes.resolve("res/app.properties"));
        Process mkfifo = new ProcessBuilder("mkfifo", classes.resolve("fifo").toString())
                .inheritIO()
                .start();
        try {
            assertThat(mkfifo.waitFor()).as("mkfifo exit status").isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a FIFO", e);
        }
    }

    @AfterAll
    static void closeLoader() throws IOException {
        loader.close();
    }

    @Test
    void servesARequestedClassWithItsSupertypesAndReferencesPrefetched() throws IOException {
        ClassAnswer answer = server(64, 1 << 20).serveClass(1, "fx.Sample");

        assertThat(answer.found()).isTrue();
        assertThat(answer.bytes()).isEqualTo(Files.readAllBytes(classes.resolve("fx/Sample.class")));
        // supertypes first, then references, two levels deep: Deeper is three hops from Sample
        assertThat(answer.prefetched()).containsOnlyKeys("fx.Base", "fx.Named", "fx.Shape", "fx.Helper", "fx.Deep");
        assertThat(answer.prefetched().keySet())
                .containsExactly("fx.Base", "fx.Named", "fx.Shape", "fx.Helper", "fx.Deep");
        assertThat(answer.prefetched().get("fx.Deep")).isEqualTo(Files.readAllBytes(classes.resolve("fx/Deep.class")));
    }

    @Test
    void neverPrefetchesAClassTwiceToTheSameRequester() {
        ClassServer server = server(64, 1 << 20);
        server.serveClass(1, "fx.Sample");

        ClassAnswer helper = server.serveClass(1, "fx.Helper");
        ClassAnswer deep = server.serveClass(1, "fx.Deep");

        assertThat(helper.found()).as("asked-for classes are served again").isTrue();
        assertThat(helper.prefetched()).isEmpty();
        assertThat(deep.prefetched()).containsOnlyKeys("fx.Deeper");
    }

    @Test
    void prefetchesAgainForAnotherRequesterAndAfterForget() {
        ClassServer server = server(64, 1 << 20);
        server.serveClass(1, "fx.Sample");

        assertThat(server.serveClass(2, "fx.Sample").prefetched()).hasSize(5);
        assertThat(server.serveClass(1, "fx.Sample").prefetched()).isEmpty();
        server.forget(1);
        assertThat(server.serveClass(1, "fx.Sample").prefetched()).hasSize(5);
    }

    @Test
    void skipsClassesMarkedAsDelivered() {
        ClassServer server = server(64, 1 << 20);
        server.markDelivered(3, List.of("fx.Base", "fx.Helper"));

        assertThat(server.serveClass(3, "fx.Sample").prefetched()).containsOnlyKeys("fx.Named", "fx.Shape");
    }

    @Test
    void stopsPrefetchingAtTheClassLimit() {
        assertThat(server(2, 1 << 20).serveClass(1, "fx.Sample").prefetched().keySet())
                .containsExactly("fx.Base", "fx.Named");
        assertThat(server(0, 1 << 20).serveClass(1, "fx.Sample").prefetched()).isEmpty();
    }

    @Test
    void stopsPrefetchingAtTheByteLimit() throws IOException {
        int sizeOfBase = (int) Files.size(classes.resolve("fx/Base.class"));
        int sizeOfNamed = (int) Files.size(classes.resolve("fx/Named.class"));

        ClassAnswer answer = server(64, sizeOfBase + sizeOfNamed).serveClass(1, "fx.Sample");

        assertThat(answer.prefetched().keySet()).startsWith("fx.Base", "fx.Named");
        int total = 0;
        for (byte[] bytes : answer.prefetched().values()) {
            total += bytes.length;
        }
        assertThat(total).isLessThanOrEqualTo(sizeOfBase + sizeOfNamed);
        assertThat(server(64, 0).serveClass(1, "fx.Sample").prefetched()).isEmpty();
    }

    @Test
    void neverServesJdkClassesEvenWhenTheClassPathHoldsThem() {
        ClassServer server = server(64, 1 << 20);

        assertThat(loader.getResource("javax/fake/Thing.class")).isNotNull();
        assertThat(server.serveClass(1, "java.lang.String").bytes()).isNull();
        assertThat(server.serveClass(1, "javax.fake.Thing").bytes()).isNull();
        assertThat(server.serveClass(1, "org.w3c.dom.Node").bytes())
                .as("a java.xml class")
                .isNull();
        assertThat(server.serveClass(1, "jdk.internal.misc.Unsafe").bytes()).isNull();
        assertThat(server.serveResource("java/lang/String.class")).isNull();
        assertThat(server.serveResource("javax/fake/Thing.class")).isNull();
    }

    @Test
    void neverServesJdkClassesFromTheApplicationClassLoader() {
        ClassServer server = new ClassServer(ClassServerTest.class.getClassLoader(), List.of(), List.of(), 64, 1 << 20);

        assertThat(server.serveClass(1, "java.lang.String").found()).isFalse();
        assertThat(server.serveClass(1, "javax.tools.ToolProvider").found()).isFalse();
        ClassAnswer context = server.serveClass(1, "io.econtext.Context");
        assertThat(context.found()).as("an application class from a directory").isTrue();
        assertThat(context.prefetched()).containsKey("io.econtext.Caller").doesNotContainKey("java.lang.Object");
        assertThat(server.serveClass(1, "org.assertj.core.api.Assertions").found())
                .as("an application class from a jar")
                .isTrue();
    }

    @Test
    void denyPrefixesBeatAllowPrefixes() {
        ClassServer server = new ClassServer(loader, List.of("fx."), List.of("fx/secret/"), 64, 1 << 20);

        assertThat(server.serveClass(1, "fx.secret.Key").found()).isFalse();
        ClassAnswer usesSecret = server.serveClass(1, "fx.UsesSecret");
        assertThat(usesSecret.found()).isTrue();
        assertThat(usesSecret.prefetched()).doesNotContainKey("fx.secret.Key");
        assertThat(server.serveResource("res/app.properties"))
                .as("outside the allow list")
                .isNull();
    }

    @Test
    void servesOnlyAllowedPrefixesWhenTheAllowListIsNotEmpty() {
        ClassServer server = new ClassServer(loader, List.of("fx.secret."), List.of(), 64, 1 << 20);

        assertThat(server.serveClass(1, "fx.secret.Key").found()).isTrue();
        assertThat(server.serveClass(1, "fx.Sample").found()).isFalse();
        assertThat(server.serveClass(1, "fx.UsesSecret").found()).isFalse();
    }

    @Test
    void answersNotFoundForUnknownAndMalformedClassNames() {
        ClassServer server = server(64, 1 << 20);

        for (String name :
                List.of("fx.Missing", "", "fx/Sample", "..fx.Sample", "fx..Sample", "fx.Sample.", "[Lfx.Sample;")) {
            ClassAnswer answer = server.serveClass(1, name);
            assertThat(answer.bytes()).as(name).isNull();
            assertThat(answer.prefetched()).as(name).isEmpty();
            assertThat(answer.name()).isEqualTo(name);
        }
    }

    @Test
    void refusesResourceNamesThatCouldLeaveTheClassPath() {
        ClassServer server = server(64, 1 << 20);

        for (String name : List.of(
                "../outside.txt",
                "res/../../outside.txt",
                "a/../../b",
                "../x",
                "/etc/passwd",
                temp.resolve("outside.txt").toString(),
                "res\\app.properties",
                "C:/Windows/win.ini",
                "file:/etc/passwd",
                "res/",
                "res//app.properties",
                "./res/app.properties",
                "res/./app.properties",
                ".",
                "")) {
            assertThat(server.serveResource(name)).as(name).isNull();
            assertThat(server.serveResources(name)).as(name).isEmpty();
        }
    }

    @Test
    void servesTheFirstResourceAndAllOccurrencesInClassPathOrder() {
        ClassServer server = server(64, 1 << 20);

        assertThat(new String(server.serveResource("res/app.properties"), UTF_8))
                .isEqualTo("first");
        List<String> all = new ArrayList<>();
        for (byte[] bytes : server.serveResources("res/app.properties")) {
            all.add(new String(bytes, UTF_8));
        }
        assertThat(all).containsExactly("first", "second", "third");
        assertThat(new String(server.serveResource("jarred/data.txt"), UTF_8)).isEqualTo("from a jar");
        assertThat(server.serveResource("res/missing.properties")).isNull();
        assertThat(server.serveResources("res/missing.properties")).isEmpty();
    }

    @Test
    void neverServesDirectories() {
        ClassServer server = server(64, 1 << 20);

        assertThat(loader.getResource("fx")).as("a directory on the class path").isNotNull();
        assertThat(loader.getResource("jarred")).as("a directory in a jar").isNotNull();
        for (String name : List.of("fx", "fx/secret", "res", "jarred")) {
            assertThat(server.serveResource(name)).as(name).isNull();
            assertThat(server.serveResources(name)).as(name).isEmpty();
        }
    }

    @Test
    void refusesFilesBehindADirectorySymlinkThatLeavesTheRoot() {
        ClassServer server = server(64, 1 << 20);

        assertThat(loader.getResource("etc-link/shadow"))
                .as("the loader itself follows the link")
                .isNotNull();
        assertThat(server.serveResource("etc-link/shadow")).isNull();
        assertThat(server.serveResources("etc-link/shadow")).isEmpty();
    }

    @Test
    void refusesAFileSymlinkThatLeavesTheRoot() {
        ClassServer server = server(64, 1 << 20);

        assertThat(server.serveResource("link-to-secret.txt")).isNull();
        assertThat(server.serveResources("link-to-secret.txt")).isEmpty();
        assertThat(server.serveClass(1, "fx.Leak").found())
                .as("a class file linked out")
                .isFalse();
        assertThat(server.serveResource("fx/Leak.class")).isNull();
    }

    @Test
    void servesSymlinksThatStayInsideTheRoot() {
        ClassServer server = server(64, 1 << 20);

        assertThat(new String(server.serveResource("inside-link.txt"), UTF_8)).isEqualTo("first");
        assertThat(new String(server.serveResource("absolute-inside-link.txt"), UTF_8))
                .isEqualTo("first");
        assertThat(new String(server.serveResource("res-link/app.properties"), UTF_8))
                .isEqualTo("first");
    }

    @Test
    void servesAClassPathDirectoryThatIsItselfASymlinkOrHidden() throws IOException {
        Path linked = Files.createSymbolicLink(temp.resolve("linked-classes"), classes);
        Path hiddenRoot = Files.createDirectories(temp.resolve(".cache/classes"));
        write(hiddenRoot.resolve("cached/data.txt"), "cached");
        try (URLClassLoader through = new URLClassLoader(
                new URL[] {linked.toUri().toURL(), hiddenRoot.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            ClassServer server = new ClassServer(through, List.of(), List.of(), 64, 1 << 20);

            assertThat(server.serveClass(1, "fx.Sample").found()).isTrue();
            assertThat(new String(server.serveResource("res-link/app.properties"), UTF_8))
                    .isEqualTo("first");
            assertThat(new String(server.serveResource("cached/data.txt"), UTF_8))
                    .as("only segments below the class-path directory count as hidden")
                    .isEqualTo("cached");
            assertThat(server.serveResource("etc-link/shadow")).isNull();
        }
    }

    @Test
    void refusesHiddenFilesAndDirectoriesOnDiskAndInJars() {
        ClassServer server = server(64, 1 << 20);

        for (String name :
                List.of(".hidden/x", ".ssh/id_rsa", "res/.env", "jarred/.env", "META-INF/.secret", ".hidden")) {
            assertThat(server.serveResource(name)).as(name).isNull();
            assertThat(server.serveResources(name)).as(name).isEmpty();
        }
    }

    @Test
    void refusesAnInsideSymlinkThatLandsOnAHiddenFile() {
        ClassServer server = server(64, 1 << 20);

        assertThat(server.serveResource("sneaky")).isNull();
        assertThat(server.serveResources("sneaky")).isEmpty();
    }

    @Test
    @Timeout(10)
    void neverServesAFifoNorWaitsOnOne() {
        ClassServer server = server(64, 1 << 20);

        assertThat(server.serveResource("fifo")).isNull();
        assertThat(server.serveResources("fifo")).isEmpty();
    }

    @Test
    void neverServesAFileOutsideWhileADirectoryIsSwappedForASymlink() throws Exception {
        Path root = Files.createDirectories(temp.resolve("swapped-root"));
        Path outsideDir = Files.createDirectories(temp.resolve("swapped-outside"));
        write(root.resolve("d/f.txt"), "inside");
        write(outsideDir.resolve("f.txt"), "SECRET");
        Path directory = root.resolve("d");
        Path aside = root.resolve("aside");
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) { // d: the real directory, then a symlink out, then the directory again
                    Files.move(directory, aside);
                    Files.createSymbolicLink(directory, outsideDir);
                    Files.delete(directory);
                    Files.move(aside, directory);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (URLClassLoader swapping =
                new URLClassLoader(new URL[] {root.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            ClassServer server = new ClassServer(swapping, List.of(), List.of(), 64, 1 << 20);
            Map<String, Integer> answers = new HashMap<>();
            swapper.start();
            long deadline = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < deadline) {
                String answer;
                try {
                    byte[] bytes = server.serveResource("d/f.txt");
                    answer = bytes == null ? "null" : new String(bytes, UTF_8);
                } catch (UncheckedIOException e) {
                    answer = e.toString();
                }
                answers.merge(answer, 1, Integer::sum);
            }
            stop.set(true);
            swapper.join();

            assertThat(answers.keySet())
                    .as("answers (and how often) while the directory was swapped: %s", answers)
                    .isSubsetOf("inside", "null")
                    .contains("inside");
        } finally {
            stop.set(true);
            swapper.join();
        }
    }

    @Test
    void prefetchesEachClassOnceUnderConcurrentRequests() throws Exception {
        ClassServer server = server(64, 1 << 20);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ClassAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String name = i % 2 == 0 ? "fx.Sample" : "fx.Helper";
                answers.add(pool.submit((Callable<ClassAnswer>) () -> server.serveClass(9, name)));
            }
            Map<String, Integer> timesSent = new HashMap<>();
            for (Future<ClassAnswer> answer : answers) {
                for (String name : answer.get().prefetched().keySet()) {
                    timesSent.merge(name, 1, Integer::sum);
                }
            }
            assertThat(timesSent.values()).allSatisfy(times -> assertThat(times).isEqualTo(1));
            assertThat(timesSent).containsKeys("fx.Base", "fx.Named", "fx.Shape", "fx.Deep");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsNegativeLimitsNamingTheArgument() {
        assertThatThrownBy(() -> new ClassServer(loader, List.of(), List.of(), -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefetchMaxClasses : -1 (expected: >= 0)");
        assertThatThrownBy(() -> new ClassServer(loader, List.of(), List.of(), 0, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefetchMaxBytes : -5 (expected: >= 0)");
    }

    private static ClassServer server(int maxClasses, int maxBytes) {
        return new ClassServer(loader, List.of(), List.of(), maxClasses, maxBytes);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
