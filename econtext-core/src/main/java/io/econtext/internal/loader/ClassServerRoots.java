package io.econtext.internal.loader;

import io.econtext.internal.util.Log;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The directories on the class path a {@link ClassServer} serves, and a warning for each one that holds more than
 * classes: the file system root, the master's working directory, a home directory, or a directory above one of them.
 * A child may fetch every file in such a directory that is not hidden (sources, configuration, documents, credentials
 * kept in plain files), so {@link #warnAboutDangerousDirectories} says so once, when the server is made (at router
 * start).
 *
 * <pre>{@code
 * java -cp .:app.jar Main        (working directory /home/ops)
 * WARN io.econtext.internal.loader.ClassServer: the class path directory /home/ops is served to every child
 *      context, and it is the master's working directory: ...
 * }</pre>
 *
 * <p>The directories are those of the {@link URLClassLoader}s from the server's loader up, and {@code
 * java.class.path} for the system class loader (an empty entry there is the working directory). Stateless; blocks on
 * file system look-ups. Named {@code ClassServer*} so that the children's runtime bundle leaves it out.
 */
final class ClassServerRoots {
    private static final Log LOG = Log.get(ClassServer.class);

    private ClassServerRoots() {}

    /** Logs one WARN per dangerous directory on the class path {@code loader} serves. */
    static void warnAboutDangerousDirectories(ClassLoader loader) {
        Path workingDirectory = Paths.get("").toAbsolutePath();
        Path home = Paths.get(System.getProperty("user.home", "/"));
        for (String warning : warnings(directories(loader), workingDirectory, home)) {
            LOG.warn(warning);
        }
    }

    /** The directories (not jars) on the class path of {@code loader} and its parents, real paths, in order. */
    static List<Path> directories(ClassLoader loader) {
        Set<Path> found = new LinkedHashSet<>();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        for (ClassLoader l = loader; l != null && l != platform; l = l.getParent()) {
            if (l instanceof URLClassLoader) {
                for (URL url : ((URLClassLoader) l).getURLs()) {
                    addDirectory(found, url);
                }
            } else if (l == system) {
                for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator, -1)) {
                    addDirectory(found, entry);
                }
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * One warning for each of {@code directories} that is or holds the file system root, {@code workingDirectory},
     * {@code home}, {@code /root} or a directory under {@code /home}, naming the directory and why.
     */
    static List<String> warnings(List<Path> directories, Path workingDirectory, Path home) {
        Path cwd = real(workingDirectory);
        Path userHome = real(home);
        List<String> warnings = new ArrayList<>();
        for (Path directory : directories) {
            String why = danger(real(directory), cwd, userHome);
            if (why != null) {
                warnings.add("the class path directory " + directory + " is served to every child context, and " + why
                        + ": a child can fetch any file under it that is not hidden (sources, configuration,"
                        + " documents, credentials kept in plain files). Put only class directories and jars on the"
                        + " master's class path (e.g. target/classes), or keep paths from children with"
                        + " RouterOptions.withClassDeny");
            }
        }
        return warnings;
    }

    private static String danger(Path directory, Path cwd, Path home) {
        if (directory.getParent() == null) {
            return "it is the root of the file system";
        }
        if (directory.equals(cwd)) {
            return "it is the master's working directory";
        }
        if (directory.equals(home)) {
            return "it is the home directory of the master's user";
        }
        if (isHomeDirectory(directory)) {
            return "it is a home directory";
        }
        if (directory.equals(Paths.get("/home"))) {
            return "it holds every user's home directory";
        }
        if (cwd.startsWith(directory)) {
            return "it holds the master's working directory " + cwd;
        }
        if (home.startsWith(directory)) {
            return "it holds the home directory " + home + " of the master's user";
        }
        return null;
    }

    private static boolean isHomeDirectory(Path directory) {
        return directory.equals(Paths.get("/root")) || Paths.get("/home").equals(directory.getParent());
    }

    private static void addDirectory(Set<Path> found, URL url) {
        if (!"file".equals(url.getProtocol())) {
            return;
        }
        try {
            addDirectory(found, Paths.get(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            // not a local path: nothing a child could reach through it
        }
    }

    private static void addDirectory(Set<Path> found, String entry) {
        try {
            addDirectory(found, Paths.get(entry));
        } catch (IllegalArgumentException e) {
            // InvalidPathException: the JVM could not use it either
        }
    }

    private static void addDirectory(Set<Path> found, Path path) {
        Path absolute = path.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            found.add(real(absolute));
        }
    }

    /** The real path when it resolves, else the absolute normalized path. */
    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
