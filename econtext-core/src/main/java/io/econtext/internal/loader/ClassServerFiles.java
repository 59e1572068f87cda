package io.econtext.internal.loader;

import io.econtext.internal.util.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;

/**
 * Reads what a class loader found for a {@link ClassServer}, confined to the class-path directory it was found in:
 * only a regular file whose real path lies inside that directory's real path, with no hidden segment in between, opened
 * without following any symbolic link. A symbolic link that stays inside the directory is served (as the file it leads
 * to); one that leaves it, or leads to a hidden file, is not. Jar entries are read as they are: their names already
 * passed {@link ServePolicy#isSafeResourceName}.
 *
 * <pre>{@code
 * request "etc-link/shadow"       loader URL file:/app/classes/etc-link/shadow
 *   class-path directory           /app/classes            (the URL minus the name's segments)
 *   real path of the file          /etc/shadow             -> outside /app/classes: refused
 * request "docs-link/readme.txt"   real path /app/classes/docs/readme.txt -> inside: opened as
 *   openat(/app/classes, "docs", O_NOFOLLOW|O_DIRECTORY), then openat(docs, "readme.txt", O_NOFOLLOW)
 * }</pre>
 *
 * <p>A refusal is returned as {@code null}, exactly like a missing resource, so a child learns nothing about what
 * exists; the master logs it, once per name (WARN when a file was found but refused, DEBUG when the name alone was).
 *
 * <p>Races: the file opened is the real path that was checked, walked one directory at a time from the class-path
 * directory's real path, each step refusing a symbolic link, so a link swapped in after the check fails the open
 * instead of leading out (where the file system offers no {@link SecureDirectoryStream}, only the last segment is
 * opened without following links). What remains is for whoever can write inside the class-path directory, who can
 * plant classes anyway: a hard link there is served as the file it is, and a FIFO swapped in between the type check
 * and the open blocks one class-server thread. The master's class path is its user's responsibility.
 *
 * <p>Thread-safe; reads block on disk I/O. Named {@code ClassServer*} so that the children's runtime bundle leaves
 * it out: only the master serves.
 */
final class ClassServerFiles {
    private static final Log LOG = Log.get(ClassServer.class);
    /** Names logged as refused; beyond this many, refusals are no longer logged (a child chooses the names). */
    private static final int MAX_LOGGED_NAMES = 1024;

    private static final Set<OpenOption> READ_NO_FOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /**
     * The bytes of resource {@code name}, which the loader found at {@code url}.
     *
     * @return the bytes, or null when {@code url} is null, not a {@code file:} or {@code jar:} URL (the JDK's {@code
     *     jrt:} image, anything a custom loader invents), a directory, or refused
     * @throws UncheckedIOException if the file may be served but cannot be read
     */
    byte[] read(URL url, String name) {
        if (url == null) {
            return null;
        }
        switch (url.getProtocol()) {
            case "jar":
                return readJarEntry(url);
            case "file":
                return readFile(url, name);
            default:
                return null;
        }
    }

    /** Logs (at DEBUG, once) that {@code name} was refused for its form alone, before anything was looked up. */
    void refusedName(String name) {
        if (LOG.isDebugEnabled() && firstTime(name)) {
            LOG.debug("did not serve '" + printable(name) + "' to a child, which was told it does not exist: the name"
                    + " could leave the class path or names a hidden file or directory");
        }
    }

    private byte[] readFile(URL url, String name) {
        Path file;
        Path relative;
        try {
            file = Paths.get(url.toURI());
            relative = file.getFileSystem().getPath(name);
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null; // InvalidPathException is an IllegalArgumentException
        }
        if (relative.isAbsolute() || !file.endsWith(relative) || file.getNameCount() <= relative.getNameCount()) {
            refused(name, "the class loader found it at " + file + ", which is not that name below a directory");
            return null;
        }
        Path directory = file.getRoot().resolve(file.subpath(0, file.getNameCount() - relative.getNameCount()));
        Path realDirectory;
        Path real;
        try {
            realDirectory = directory.toRealPath();
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return null; // gone meanwhile, or a dangling link
        } catch (IOException e) {
            refused(name, "its real path cannot be resolved (" + e + ")");
            return null;
        }
        if (real.equals(realDirectory)) {
            return null; // a link to "." or its like: a directory, which loaders find and nobody reads
        }
        if (!real.startsWith(realDirectory)) {
            refused(name, "it resolves to " + real + ", outside its class-path directory " + realDirectory);
            return null;
        }
        Path inside = realDirectory.relativize(real);
        if (hasHiddenSegment(inside)) {
            refused(name, "it resolves to " + real + ", a hidden file or inside a hidden directory");
            return null;
        }
        return readBelow(realDirectory, inside, name);
    }

    /**
     * Opens {@code inside} (no {@code .}, {@code ..} or symbolic link in it) below {@code realDirectory} one segment
     * at a time, following no symbolic link, and reads it if it is a regular file; null when a segment turned out to
     * be a symbolic link (swapped in after the check), the file is missing or not a regular file.
     */
    byte[] readBelow(Path realDirectory, Path inside, String name) {
        SeekableByteChannel channel;
        try {
            channel = open(realDirectory, inside, name);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            refused(name, "it changed while being opened or cannot be opened (" + e + ")");
            return null;
        }
        if (channel == null) {
            return null;
        }
        try (InputStream in = Channels.newInputStream(channel)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + realDirectory.resolve(inside), e);
        }
    }

    /** The open regular file, or null (refusal logged) when {@code inside} is something else. */
    private SeekableByteChannel open(Path realDirectory, Path inside, String name) throws IOException {
        DirectoryStream<Path> top = Files.newDirectoryStream(realDirectory);
        if (!(top instanceof SecureDirectoryStream)) {
            top.close();
            Path path = realDirectory.resolve(inside);
            BasicFileAttributes attributes =
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return isServable(attributes, name) ? Files.newByteChannel(path, READ_NO_FOLLOW) : null;
        }
        SecureDirectoryStream<Path> directory = (SecureDirectoryStream<Path>) top;
        try {
            for (int i = 0; i < inside.getNameCount() - 1; i++) {
                SecureDirectoryStream<Path> parent = directory;
                directory = parent.newDirectoryStream(inside.getName(i), LinkOption.NOFOLLOW_LINKS);
                parent.close();
            }
            Path leaf = inside.getFileName();
            BasicFileAttributes attributes = directory
                    .getFileAttributeView(leaf, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            return isServable(attributes, name) ? directory.newByteChannel(leaf, READ_NO_FOLLOW) : null;
        } finally {
            directory.close();
        }
    }

    /** A regular file; a directory is silently absent (loaders find them), anything else is a logged refusal. */
    private boolean isServable(BasicFileAttributes attributes, String name) {
        if (attributes.isRegularFile()) {
            return true;
        }
        if (attributes.isSymbolicLink()) {
            refused(name, "a symbolic link was swapped in while it was being opened");
        } else if (!attributes.isDirectory()) {
            refused(name, "it is not a regular file (a FIFO, socket or device)");
        }
        return false;
    }

    /** The bytes of a {@code jar:} entry, or null for a directory entry. */
    private static byte[] readJarEntry(URL url) {
        if (url.getPath().endsWith("/")) {
            return null;
        }
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection) {
                JarEntry entry = ((JarURLConnection) connection).getJarEntry();
                if (entry == null || entry.isDirectory()) {
                    return null;
                }
            }
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    private void refused(String name, String why) {
        if (firstTime(name)) {
            LOG.warn("did not serve '" + printable(name) + "' to a child, which was told it does not exist: " + why);
        }
    }

    private boolean firstTime(String name) {
        if (logged.size() >= MAX_LOGGED_NAMES) {
            return false;
        }
        if (!logged.add(name)) {
            return false;
        }
        if (logged.size() == MAX_LOGGED_NAMES) {
            LOG.warn("refused " + MAX_LOGGED_NAMES + " different names to children; further refusals are not logged");
        }
        return true;
    }

    static boolean hasHiddenSegment(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** {@code name} with control characters escaped, so that a child cannot forge log lines. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 200) + 8);
        for (int i = 0; i < name.length() && i < 200; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return name.length() > 200 ? out.append("...").toString() : out.toString();
    }
}
