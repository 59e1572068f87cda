package io.econtext.internal.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeBundleTest {
    private static final List<String> INCLUDE = List.of("io/econtext/");
    private static final List<String> EXCLUDE = List.of("io/econtext/spi/");

    @TempDir
    Path temp;

    @Test
    void collectsIncludedClassesAndLeavesOutExcludedOnes() throws Exception {
        RuntimeBundle bundle = RuntimeBundle.collect(List.of(Context.class), INCLUDE, EXCLUDE);

        assertThat(bundle.entries())
                .containsKeys("io/econtext/Context.class", "io/econtext/Caller.class", "io/econtext/Router.class");
        assertThat(bundle.entries().keySet())
                .allSatisfy(name -> assertThat(name).startsWith("io/econtext/").endsWith(".class"))
                .noneSatisfy(name -> assertThat(name).startsWith("io/econtext/spi/"));
        assertThat(new ArrayList<>(bundle.entries().keySet())).isSorted();
        assertThat(bundle.classCount()).isEqualTo(bundle.entries().size());
        assertThat(bundle.entries().get("io/econtext/Context.class"))
                .isEqualTo(ClassFileInfoTest.classBytes("io.econtext.Context"));
        assertThatThrownBy(() -> bundle.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void collectsTheSameClassesFromAJarAsFromADirectory() throws Exception {
        // The API's classes are a directory in an IDE or a module-only build, a jar in a reactor build: make the other.
        Path source = Paths.get(Context.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path directory = source;
        Path jar = temp.resolve("api.jar");
        if (Files.isDirectory(source)) {
            jarDirectory(source, jar);
        } else {
            directory = temp.resolve("api-classes");
            unjar(source, directory);
            jar = source;
        }

        try (URLClassLoader dirLoader = new URLClassLoader(
                        new URL[] {directory.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                URLClassLoader jarLoader =
                        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            RuntimeBundle fromDirectory = RuntimeBundle.collect(
                    List.of(Class.forName("io.econtext.Context", false, dirLoader)), INCLUDE, EXCLUDE);
            Class<?> anchor = Class.forName("io.econtext.Context", false, jarLoader);
            RuntimeBundle fromJar = RuntimeBundle.collect(List.of(anchor), INCLUDE, EXCLUDE);

            assertThat(fromJar.entries().keySet())
                    .containsExactlyElementsOf(fromDirectory.entries().keySet());
            assertThat(fromJar.wireBytes()).isEqualTo(fromDirectory.wireBytes());
        }
    }

    @Test
    void rejectsAnchorsWithoutAFileCodeSourceAndEmptySelections() {
        assertThatThrownBy(() -> RuntimeBundle.collect(List.of(String.class), INCLUDE, EXCLUDE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> RuntimeBundle.collect(List.of(Context.class), List.of("no/such/"), EXCLUDE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no class under [no/such/]");
    }

    @Test
    void encodesTheDocumentedWireFormat() throws Exception {
        RuntimeBundle bundle = RuntimeBundle.collect(List.of(Context.class), INCLUDE, EXCLUDE);
        byte[] wire = bundle.wireBytes();

        long length = ((wire[0] & 0xFFL) << 24) | ((wire[1] & 0xFF) << 16) | ((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF);
        assertThat(length).isEqualTo(wire.length - 4);
        Inflater inflater = new Inflater(true);
        inflater.setInput(Arrays.copyOfRange(wire, 4, wire.length + 1));
        byte[] content = new byte[1 << 20];
        int size = inflater.inflate(content);
        assertThat(inflater.finished()).isTrue();
        inflater.end();

        String firstName = bundle.entries().keySet().iterator().next();
        int nameLength = ((content[0] & 0xFF) << 8) | (content[1] & 0xFF);
        assertThat(new String(content, 2, nameLength, UTF_8)).isEqualTo(firstName);
        assertThat(Arrays.copyOfRange(content, size - 2, size)).containsExactly(0, 0);
        assertThat(bundle.wireBytes()).as("computed once, same bytes").isEqualTo(wire);
    }

    @Test
    void readsBackExactlyTheBundleAndLeavesTheFollowingBytesUnread() throws Exception {
        RuntimeBundle bundle = RuntimeBundle.collect(List.of(Context.class), INCLUDE, EXCLUDE);
        byte[] protocol = "PROTOCOL FOLLOWS".getBytes(UTF_8);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(bundle.wireBytes());
        stream.write(protocol);
        InputStream in = new OneByteAtATime(new ByteArrayInputStream(stream.toByteArray()));

        Map<String, byte[]> entries = BundleReader.read(in);

        assertThat(entries).isInstanceOf(java.util.HashMap.class);
        assertThat(entries.keySet())
                .containsExactlyInAnyOrderElementsOf(bundle.entries().keySet());
        for (Map.Entry<String, byte[]> entry : bundle.entries().entrySet()) {
            assertThat(entries.get(entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(in.readAllBytes()).isEqualTo(protocol);
    }

    @Test
    void keepsTheWireBytesOfAParsedBundle() {
        RuntimeBundle bundle = RuntimeBundle.collect(List.of(Context.class), INCLUDE, EXCLUDE);

        RuntimeBundle copy = RuntimeBundle.fromWire(bundle.wireBytes());

        assertThat(copy.entries().keySet())
                .containsExactlyElementsOf(bundle.entries().keySet());
        assertThat(copy.classCount()).isEqualTo(bundle.classCount());
        assertThat(copy.wireBytes()).isEqualTo(bundle.wireBytes());
        assertThatThrownBy(() -> RuntimeBundle.fromWire(new byte[] {0, 0, 0, 9, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length prefix says 9 compressed bytes but 1 follow");
    }

    @Test
    void reportsATruncatedBundleAsIoException() {
        byte[] wire =
                RuntimeBundle.collect(List.of(Context.class), INCLUDE, EXCLUDE).wireBytes();

        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(Arrays.copyOf(wire, wire.length - 10))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("runtime bundle truncated: stream ended after");
        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(Arrays.copyOf(wire, 3))))
                .isInstanceOf(IOException.class)
                .hasMessage("runtime bundle truncated: stream ended after 3 of its 4-byte length");
        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IOException.class);
    }

    @Test
    void reportsCorruptOrForeignBytesAsIoException() {
        byte[] wire =
                RuntimeBundle.collect(List.of(Context.class), INCLUDE, EXCLUDE).wireBytes();
        byte[] shortened = Arrays.copyOf(wire, wire.length / 2);
        int length = shortened.length - 4;
        shortened[0] = (byte) (length >>> 24);
        shortened[1] = (byte) (length >>> 16);
        shortened[2] = (byte) (length >>> 8);
        shortened[3] = (byte) length;
        byte[] garbage = {0, 0, 0, 4, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

        assertThatThrownBy(() -> BundleReader.decode(shortened))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("runtime bundle ");
        assertThatThrownBy(() -> BundleReader.decode(garbage))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("runtime bundle corrupt");
        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream("HTTP/1.1 200 OK".getBytes(UTF_8))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("implausible compressed length");
    }

    @Test
    void allocatesWhatArrivedNotWhatTheLengthPrefixDeclares() {
        // found by RuntimeBundleFuzzTest: a prefix declaring 60 MiB, then 10 bytes, allocated 60 MiB
        byte[] stream = {0x03, (byte) 0xC0, 0, 0, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'};
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> BundleReader.readWireBytes(new ByteArrayInputStream(stream)))
                .isInstanceOf(IOException.class)
                .hasMessage("runtime bundle truncated: stream ended after 10 of 62914560 compressed bytes");
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
    }

    private static void unjar(Path jar, Path directory) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(file.entries())) {
                Path target = directory.resolve(e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    private static void jarDirectory(Path directory, Path jar) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Path file : files) {
                jarOut.putNextEntry(
                        new JarEntry(directory.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
    }

    /** Hands out one byte per read call, as a slow pipe might. */
    private static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(1, length));
        }
    }
}
