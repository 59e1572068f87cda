package io.econtext.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A child asks the master's class server for files that a class-path directory reaches but does not hold: through
 * symbolic links that leave it, hidden files and directories, {@code ..}. Each comes back exactly like a missing
 * resource; what the directory really holds, symbolic links that stay inside it included, is still served.
 */
@Timeout(60)
class ClassServerConfinementTest {
    /** The logger of the class server's refusals and class-path warnings on the master. */
    private static final String SERVER_LOGGER = "io.econtext.internal.loader.ClassServer";

    @TempDir
    Path base;

    Path root;
    URLClassLoader served;
    ListAppender<ILoggingEvent> logged = new ListAppender<>();

    /**
     * <pre>
     * base/secret.txt                  what "a/../../secret.txt" would reach
     * base/outside/{shadow,secret.txt} secrets outside the class path
     * base/cp/                         the class-path root the master serves
     *   etc-link -> base/outside       (like etc-link -> /etc)
     *   system-etc -> /etc             the real one
     *   link-to-secret.txt -> base/outside/secret.txt
     *   evil/Leak.class -> base/outside/shadow
     *   .ssh/id_rsa, .hidden/x
     *   sneaky -> .ssh/id_rsa          stays inside, but lands on a hidden file
     *   normal.txt, docs/readme.txt
     *   inside-link.txt -> normal.txt, docs-link -> docs   stay inside
     * </pre>
     */
    @BeforeEach
    void plantTheClassPath() throws IOException {
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(base.resolve("secret.txt"), "SECRET-PARENT");
        Files.writeString(outside.resolve("shadow"), "root:SECRET-SHADOW:19000:0:99999:7:::");
        Files.writeString(outside.resolve("secret.txt"), "SECRET-FILE");
        root = Files.createDirectories(base.resolve("cp"));
        Files.createSymbolicLink(root.resolve("etc-link"), outside);
        Files.createSymbolicLink(root.resolve("system-etc"), Path.of("/etc"));
        Files.createSymbolicLink(root.resolve("link-to-secret.txt"), outside.resolve("secret.txt"));
        Files.createDirectories(root.resolve("evil"));
        Files.createSymbolicLink(root.resolve("evil/Leak.class"), outside.resolve("shadow"));
        Files.createDirectories(root.resolve(".ssh"));
        Files.writeString(root.resolve(".ssh/id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----");
        Files.createDirectories(root.resolve(".hidden"));
        Files.writeString(root.resolve(".hidden/x"), "HIDDEN");
        Files.createSymbolicLink(root.resolve("sneaky"), Path.of(".ssh/id_rsa"));
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("normal.txt"), "NORMAL");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/readme.txt"), "README");
        Files.createSymbolicLink(root.resolve("inside-link.txt"), Path.of("normal.txt"));
        Files.createSymbolicLink(root.resolve("docs-link"), Path.of("docs"));

        logged.start();
        ((Logger) LoggerFactory.getLogger(SERVER_LOGGER)).addAppender(logged);
    }

    @AfterEach
    void closeTheServedLoader() throws IOException {
        ((Logger) LoggerFactory.getLogger(SERVER_LOGGER)).detachAppender(logged);
        if (served != null) {
            served.close();
        }
    }

    @Test
    void aChildGetsNothingThatLeavesTheRootOrIsHidden() throws IOException {
        try (Router router = routerServing(root)) {
            Context child = router.connect(Local.spec().name("prober"));

            Map<String, String> leaked = new LinkedHashMap<>();
            for (String name : List.of(
                    "etc-link/shadow",
                    "system-etc/shadow",
                    "system-etc/passwd",
                    "link-to-secret.txt",
                    "evil/Leak.class",
                    ".ssh/id_rsa",
                    ".hidden/x",
                    "sneaky",
                    "a/../../secret.txt")) {
                String first = child.call(() -> fetch(name));
                List<String> all = child.call(() -> fetchAll(name));
                if (first != null || !all.isEmpty()) {
                    leaked.put(name, first + " " + all);
                }
            }

            assertThat(leaked).as("what the child read").isEmpty();
        }
    }

    @Test
    void aChildStillGetsPlainResourcesAndSymlinksThatStayInsideTheRoot() throws IOException {
        try (Router router = routerServing(root)) {
            Context child = router.connect(Local.spec().name("reader"));

            assertThat(child.call(() -> fetch("normal.txt"))).isEqualTo("NORMAL");
            assertThat(child.call(() -> fetch("docs/readme.txt"))).isEqualTo("README");
            assertThat(child.call(() -> fetch("inside-link.txt"))).isEqualTo("NORMAL");
            assertThat(child.call(() -> fetch("docs-link/readme.txt"))).isEqualTo("README");
            assertThat(child.call(() -> fetchAll("inside-link.txt"))).containsExactly("NORMAL");
        }
    }

    @Test
    void theMasterLogsARefusalOnceNamingWhatWasAskedFor() throws IOException {
        try (Router router = routerServing(root)) {
            Context child = router.connect(Local.spec().name("prober"));

            child.call(() -> fetch("etc-link/shadow"));
            child.call(() -> fetchAll("etc-link/shadow")); // a second request for the same name to the master

            List<String> refusals = new ArrayList<>();
            for (ILoggingEvent e : snapshot()) {
                if (e.getLevel() == Level.WARN && e.getFormattedMessage().contains("'etc-link/shadow'")) {
                    refusals.add(e.getFormattedMessage());
                }
            }
            assertThat(refusals).hasSize(1);
            assertThat(refusals.get(0)).contains("outside").doesNotContain("SECRET");
        }
    }

    @Test
    void warnsOnceWhenTheServedClassPathHoldsTheWorkingDirectory() throws IOException {
        Path workingDirectory = Path.of("").toAbsolutePath();
        try (Router router = routerServing(workingDirectory)) {
            Context child = router.connect(Local.spec().name("worker"));
            child.call(() -> fetch("normal.txt"));

            List<String> warnings = new ArrayList<>();
            for (ILoggingEvent e : snapshot()) {
                if (e.getLevel() == Level.WARN && e.getFormattedMessage().contains("working directory")) {
                    warnings.add(e.getFormattedMessage());
                }
            }
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains(workingDirectory.toRealPath().toString());
        }
    }

    /** What a child reads of {@code name} through its class loader, which asks the master; null when absent. */
    static String fetch(String name) throws IOException {
        try (InputStream in = ClassServerConfinementTest.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), UTF_8);
        }
    }

    /** Every occurrence of {@code name} a child's class loader finds. */
    static List<String> fetchAll(String name) throws IOException {
        List<String> all = new ArrayList<>();
        for (URL url : Collections.list(
                ClassServerConfinementTest.class.getClassLoader().getResources(name))) {
            try (InputStream in = url.openStream()) {
                all.add(new String(in.readAllBytes(), UTF_8));
            }
        }
        return all;
    }

    /** A router whose served class path is this test's own, with {@code extra} in front. */
    private Router routerServing(Path extra) throws IOException {
        served = new URLClassLoader(
                new URL[] {extra.toUri().toURL()}, ClassServerConfinementTest.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(served);
        try {
            return Econtext.newRouter();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private List<ILoggingEvent> snapshot() {
        synchronized (logged) { // AppenderBase appends under its own lock
            return new ArrayList<>(logged.list);
        }
    }
}
