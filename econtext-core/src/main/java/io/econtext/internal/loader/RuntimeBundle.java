package io.econtext.internal.loader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.Deflater;

/**
 * The econtext runtime as one compressed blob, sent to a child over its stdin in one go at boot.
 *
 * <pre>
 * on the wire:
 * +--------------------------+------------------------------------------------------+
 * | u32 compressedLength (BE)| compressedLength bytes: raw DEFLATE (nowrap, level 9) |
 * +--------------------------+------------------------------------------------------+
 *
 * inflated content, entries sorted by name, then a terminator:
 * +---------------+-------------------------+-------------+--------------+     +-------+
 * | u16 nameLength| name (UTF-8)            | u32 length  | length bytes | ... | u16 0 |
 * |               | "io/econtext/Context.class"            |              |     |       |
 * +---------------+-------------------------+-------------+--------------+     +-------+
 * </pre>
 *
 * <pre>{@code
 * RuntimeBundle bundle = RuntimeBundle.collect(
 *         List.of(Context.class, Router.class),
 *         List.of("io/econtext/"),
 *         List.of("io/econtext/internal/master/"));
 * childStdin.write(bundle.wireBytes());       // BundleReader.read(System.in) on the other side
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. {@link #collect} does file I/O and blocks; do it once per master, not
 * per child. A child may keep the bundle it was booted with ({@link #fromWire}) to boot its own children.
 */
public final class RuntimeBundle {
    private static final String CLASS_SUFFIX = ".class";

    private final SortedMap<String, byte[]> entries;
    private volatile byte[] wireBytes;

    private RuntimeBundle(SortedMap<String, byte[]> entries, byte[] wireBytes) {
        this.entries = Collections.unmodifiableSortedMap(entries);
        this.wireBytes = wireBytes;
    }

    /**
     * Collects every {@code .class} file whose resource name starts with one of {@code includePrefixes} and with none
     * of {@code excludePrefixes}, from the code sources (a directory or a jar) that hold the {@code anchors}. When two
     * code sources hold the same name, the one of the earlier anchor wins.
     *
     * @param includePrefixes resource path prefixes such as {@code "io/econtext/"}
     * @param excludePrefixes resource path prefixes such as {@code "io/econtext/internal/master/"}
     * @throws IllegalArgumentException if an anchor has no code source on the file system, or nothing matched
     * @throws UncheckedIOException if a code source cannot be read
     */
    public static RuntimeBundle collect(
            List<Class<?>> anchors, List<String> includePrefixes, List<String> excludePrefixes) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("anchors : [] (expected at least one class)");
        }
        if (includePrefixes.isEmpty()) {
            throw new IllegalArgumentException("includePrefixes : [] (expected at least one prefix)");
        }
        Set<Path> locations = new LinkedHashSet<Path>();
        for (Class<?> anchor : anchors) {
            locations.add(codeSourceOf(anchor));
        }
        TreeMap<String, byte[]> entries = new TreeMap<String, byte[]>();
        for (Path location : locations) {
            Selector selector = new Selector(includePrefixes, excludePrefixes, entries);
            try {
                if (Files.isDirectory(location)) {
                    collectDirectory(location, selector);
                } else {
                    collectJar(location, selector);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read runtime classes from " + location, e);
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(
                    "no class under " + includePrefixes + " (excluding " + excludePrefixes + ") in " + locations);
        }
        return new RuntimeBundle(entries, null);
    }

    /**
     * Parses a bundle in its wire form (length prefix included), e.g. the one a child was booted with. The given
     * bytes are kept as this bundle's {@link #wireBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not exactly one well-formed bundle
     */
    public static RuntimeBundle fromWire(byte[] wireBytes) {
        Map<String, byte[]> decoded;
        try {
            decoded = BundleReader.decode(wireBytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new RuntimeBundle(new TreeMap<String, byte[]>(decoded), wireBytes.clone());
    }

    /** The encoded form described in the class comment; computed once, then a copy is returned per call. */
    public byte[] wireBytes() {
        byte[] encoded = wireBytes;
        if (encoded == null) {
            encoded = encode(entries);
            wireBytes = encoded; // a race computes the same bytes twice, harmlessly
        }
        return encoded.clone();
    }

    /** Entry name ({@code "io/econtext/Context.class"}) to bytes, sorted by name; unmodifiable. */
    public Map<String, byte[]> entries() {
        return entries;
    }

    /** The number of {@code .class} entries. */
    public int classCount() {
        int count = 0;
        for (String name : entries.keySet()) {
            if (name.endsWith(CLASS_SUFFIX)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "RuntimeBundle[" + entries.size() + " entries]";
    }

    private static byte[] encode(SortedMap<String, byte[]> entries) {
        ByteArrayOutputStream content = new ByteArrayOutputStream(64 * 1024);
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length == 0 || name.length > 0xFFFF) {
                throw new IllegalArgumentException(
                        "entry name of " + name.length + " bytes (expected 1..65535): " + entry.getKey());
            }
            writeU16(content, name.length);
            content.write(name, 0, name.length);
            writeU32(content, entry.getValue().length);
            content.write(entry.getValue(), 0, entry.getValue().length);
        }
        writeU16(content, 0);

        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(content.toByteArray());
            deflater.finish();
            ByteArrayOutputStream wire = new ByteArrayOutputStream(content.size() / 3 + 64);
            writeU32(wire, 0); // patched below
            byte[] buffer = new byte[16 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                wire.write(buffer, 0, n);
            }
            byte[] bytes = wire.toByteArray();
            int length = bytes.length - 4;
            bytes[0] = (byte) (length >>> 24);
            bytes[1] = (byte) (length >>> 16);
            bytes[2] = (byte) (length >>> 8);
            bytes[3] = (byte) length;
            return bytes;
        } finally {
            deflater.end();
        }
    }

    private static Path codeSourceOf(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            throw new IllegalArgumentException("cannot collect runtime classes next to " + anchor.getName()
                    + ": its code source is " + location + " (expected a directory or jar file)");
        }
        try {
            return Paths.get(location.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("code source of " + anchor.getName() + " is not a path: " + location, e);
        }
    }

    private static void collectDirectory(final Path root, final Selector selector) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    String name = root.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), "/");
                    if (selector.wants(name)) {
                        selector.add(name, Files.readAllBytes(file));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void collectJar(Path jar, Selector selector) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> jarEntries = file.entries();
            while (jarEntries.hasMoreElements()) {
                JarEntry entry = jarEntries.nextElement();
                if (!entry.isDirectory() && selector.wants(entry.getName())) {
                    try (InputStream in = file.getInputStream(entry)) {
                        selector.add(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static void writeU16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeU32(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    /** Which names of one code source go into the bundle; names an earlier code source supplied are kept. */
    private static final class Selector {
        private final List<String> includePrefixes;
        private final List<String> excludePrefixes;
        private final Map<String, byte[]> entries;
        private final Set<String> fromEarlierSources;

        Selector(List<String> includePrefixes, List<String> excludePrefixes, Map<String, byte[]> entries) {
            this.includePrefixes = includePrefixes;
            this.excludePrefixes = excludePrefixes;
            this.entries = entries;
            this.fromEarlierSources = new LinkedHashSet<String>(entries.keySet());
        }

        boolean wants(String name) {
            return name.endsWith(CLASS_SUFFIX)
                    && startsWithAny(name, includePrefixes)
                    && !startsWithAny(name, excludePrefixes)
                    && !fromEarlierSources.contains(name);
        }

        void add(String name, byte[] bytes) {
            entries.put(name, bytes);
        }

        private static boolean startsWithAny(String name, List<String> prefixes) {
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
