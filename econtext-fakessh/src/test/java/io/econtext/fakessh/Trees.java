package io.econtext.fakessh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Directory trees for transfer tests: made with awkward names, compared byte for byte. */
final class Trees {
    private Trees() {}

    /** {@code count} files of 0-4 KiB (seeded) with spaces, unicode and leading dashes in their names, in subdirs. */
    static void make(Path root, int count, long seed) throws IOException {
        Random random = new Random(seed);
        String[] names = {"plain", "with space", "-leading-dash", "ünïcødé-名前", "--double dash", "quote's", "tab\tin"};
        for (int i = 0; i < count; i++) {
            Path dir = root.resolve("dir " + (i % 10)).resolve(i % 3 == 0 ? "-sub" : "sub ü");
            Files.createDirectories(dir);
            byte[] content = new byte[random.nextInt(4097)];
            random.nextBytes(content);
            Files.write(dir.resolve(names[i % names.length] + "-" + i), content);
        }
    }

    /** Relative path → SHA-256 of every regular file under {@code root}. */
    static TreeMap<String, String> digest(Path root) throws IOException {
        TreeMap<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    all.put(root.relativize(p).toString(), sha256(p));
                }
            }
        }
        return all;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts both trees hold the same files with the same bytes. */
    static void assertSame(Path expected, Path actual) throws IOException {
        TreeMap<String, String> want = digest(expected);
        assertThat(want).isNotEmpty();
        assertThat(digest(actual)).isEqualTo(want);
    }

    /** The private directories of fakessh runs that exist now. */
    static List<Path> fakesshHomes() throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        for (String parent :
                new String[] {System.getenv("XDG_RUNTIME_DIR"), "/dev/shm", System.getProperty("java.io.tmpdir")}) {
            if (parent == null || !Files.isDirectory(Path.of(parent))) {
                continue;
            }
            try (Stream<Path> list = Files.list(Path.of(parent))) {
                list.filter(p -> p.getFileName().toString().startsWith("econtext-fakessh-"))
                        .forEach(found::add);
            }
        }
        return found;
    }
}
