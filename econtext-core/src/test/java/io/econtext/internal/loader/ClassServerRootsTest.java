package io.econtext.internal.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassServerRootsTest {
    @TempDir
    Path temp;

    @Test
    void warnsAboutTheWorkingDirectoryNamingItAndWhy() throws IOException {
        Path cwd = Files.createDirectories(temp.resolve("work"));
        Path home = Files.createDirectories(temp.resolve("home-of-master"));

        List<String> warnings = ClassServerRoots.warnings(List.of(cwd), cwd, home);

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .startsWith("the class path directory " + cwd + " is served to every child context, and it is the"
                        + " master's working directory: a child can fetch any file under it that is not hidden")
                .contains("Put only class directories and jars on the master's class path");
    }

    @Test
    void warnsAboutHomeDirectoriesTheRootAndWhatHoldsThem() throws IOException {
        Path cwd = Files.createDirectories(temp.resolve("outer/work"));
        Path home = Files.createDirectories(temp.resolve("users/master"));

        assertThat(ClassServerRoots.warnings(List.of(home), cwd, home))
                .singleElement()
                .asString()
                .contains("it is the home directory of the master's user");
        assertThat(ClassServerRoots.warnings(List.of(temp.resolve("users")), cwd, home))
                .singleElement()
                .asString()
                .contains("it holds the home directory " + home.toRealPath());
        assertThat(ClassServerRoots.warnings(List.of(temp.resolve("outer")), cwd, home))
                .singleElement()
                .asString()
                .contains("it holds the master's working directory " + cwd.toRealPath());
        assertThat(ClassServerRoots.warnings(List.of(Path.of("/")), cwd, home))
                .singleElement()
                .asString()
                .contains("it is the root of the file system");
        assertThat(ClassServerRoots.warnings(List.of(Path.of("/root")), cwd, home))
                .singleElement()
                .asString()
                .contains("it is a home directory");
        assertThat(ClassServerRoots.warnings(List.of(Path.of("/home/alice")), cwd, home))
                .singleElement()
                .asString()
                .contains("/home/alice is served")
                .contains("it is a home directory");
        assertThat(ClassServerRoots.warnings(List.of(Path.of("/home")), cwd, home))
                .singleElement()
                .asString()
                .contains("it holds every user's home directory");
    }

    @Test
    void staysQuietAboutClassDirectories() throws IOException {
        Path cwd = Files.createDirectories(temp.resolve("work"));
        Path home = Files.createDirectories(temp.resolve("home-of-master"));
        Path classes = Files.createDirectories(cwd.resolve("target/classes"));
        Path inHome = Files.createDirectories(home.resolve(".m2/repository/x"));

        assertThat(ClassServerRoots.warnings(List.of(classes, inHome), cwd, home))
                .isEmpty();
    }

    @Test
    void findsTheDirectoriesOfEveryUrlClassLoaderUpTheChainButNotJars() throws IOException {
        Path first = Files.createDirectories(temp.resolve("first"));
        Path second = Files.createDirectories(temp.resolve("second"));
        Path jar = Files.writeString(temp.resolve("lib.jar"), "not really a jar");
        try (URLClassLoader parent =
                        new URLClassLoader(new URL[] {second.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                URLClassLoader child = new URLClassLoader(
                        new URL[] {first.toUri().toURL(), jar.toUri().toURL()}, parent)) {

            assertThat(ClassServerRoots.directories(child)).containsExactly(first.toRealPath(), second.toRealPath());
        }
    }
}
