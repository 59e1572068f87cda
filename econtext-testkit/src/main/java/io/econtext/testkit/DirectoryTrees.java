package io.econtext.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Cleans up the temp directories fixtures write (keys, known_hosts, logs). */
public final class DirectoryTrees {
    private DirectoryTrees() {}

    /** Deletes {@code dir} and all below it, as far as it can; a temp directory: the system cleans what is left. */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // what is left, the system cleans
        }
    }
}
