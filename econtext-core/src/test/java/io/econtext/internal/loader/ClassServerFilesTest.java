package io.econtext.internal.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open after the check: {@link ClassServerFiles#readBelow} is handed a path that was checked to be symlink-free,
 * and the file system changed since. Whatever became a symbolic link is not followed.
 */
class ClassServerFilesTest {
    @TempDir
    Path temp;

    @Test
    void readsARegularFileBelowTheDirectory() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root/a/b"));
        Files.writeString(root.resolve("f.txt"), "inside");

        byte[] bytes = new ClassServerFiles().readBelow(temp.resolve("root"), Path.of("a/b/f.txt"), "a/b/f.txt");

        assertThat(new String(bytes, UTF_8)).isEqualTo("inside");
    }

    @Test
    void followsNoDirectorySwappedForASymlinkAfterTheCheck() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path outside = Files.createDirectories(temp.resolve("outside/b"));
        Files.writeString(outside.resolve("f.txt"), "SECRET");
        Files.createSymbolicLink(root.resolve("a"), temp.resolve("outside"));

        assertThat(new ClassServerFiles().readBelow(root, Path.of("a/b/f.txt"), "a/b/f.txt"))
                .isNull();
    }

    @Test
    void followsNoFileSwappedForASymlinkAfterTheCheck() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Files.writeString(temp.resolve("secret.txt"), "SECRET");
        Files.createSymbolicLink(root.resolve("f.txt"), temp.resolve("secret.txt"));

        assertThat(new ClassServerFiles().readBelow(root, Path.of("f.txt"), "f.txt"))
                .isNull();
    }

    @Test
    void answersNullForWhatVanishedOrIsADirectory() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root/dir"));

        assertThat(new ClassServerFiles().readBelow(temp.resolve("root"), Path.of("gone.txt"), "gone.txt"))
                .isNull();
        assertThat(new ClassServerFiles().readBelow(temp.resolve("root"), Path.of("dir"), "dir"))
                .isNull();
        assertThat(root).isDirectory();
    }
}
