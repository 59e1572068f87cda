package io.econtext.internal.loader;

import io.econtext.internal.protocol.ClassAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Answers children's requests for class bytes and resources from the master's application class path, and sends
 * along the classes a child will need next so that loading a class costs one round trip, not one per class.
 *
 * <pre>{@code
 * ClassServer server = new ClassServer(
 *         ClassLoader.getSystemClassLoader(), List.of(), List.of("com.example.secret."), 64, 256 * 1024);
 * ClassAnswer answer = server.serveClass(context.id(), "com.example.Job");
 * // answer.bytes(): Job's class file; answer.prefetched(): its supertypes and the classes it names
 * server.forget(context.id());        // when the context is gone
 * }</pre>
 *
 * <p>What is served: only what {@code source} finds in a jar or as a regular file inside its class-path directory
 * ({@link ClassServerFiles}: no symbolic link or {@code ..} out of it, nothing hidden), never a JDK class ({@link
 * ServePolicy#JDK_PREFIXES} or anything the platform loader finds), never a name the deny prefixes match or, when the
 * allow list is not empty, one it does not match. A name that is not served is answered exactly like a missing one;
 * the master logs why, once per name. Making a server warns once about each directory on the served class path that
 * holds more than classes, such as the working or a home directory ({@link ClassServerRoots}).
 *
 * <p>Prefetch: with the requested class go its superclass and interfaces (transitively), then the classes its
 * constant pool names (each with its supertypes), then those classes' references — breadth first, two levels deep —
 * skipping what cannot be served and what this requester was already sent, until {@code prefetchMaxClasses} classes
 * or {@code prefetchMaxBytes} bytes of prefetched class files are reached.
 *
 * <p>Thread-safe; methods may be called from any thread and block on class path I/O (a local disk read the first time
 * a class is asked for; class files are cached after that, so call them off the event loop).
 */
public final class ClassServer {
    private static final int PREFETCH_DEPTH = 2;
    private static final Cached ABSENT = new Cached(null, null);

    private final ClassLoader source;
    private final ServePolicy policy;
    private final ClassServerFiles files = new ClassServerFiles();
    private final int prefetchMaxClasses;
    private final int prefetchMaxBytes;
    /** Class files found on the class path, and names found not to be servable while prefetching. */
    private final ConcurrentMap<String, Cached> classes = new ConcurrentHashMap<>();
    /** Requester id to the binary names it was sent. */
    private final ConcurrentMap<Integer, Set<String>> delivered = new ConcurrentHashMap<>();

    /**
     * @param source the loader whose class path is served, usually the application class loader
     * @param allowPrefixes package prefixes that may be served ({@code com.example.}); empty means all
     * @param denyPrefixes package prefixes never served; they win over {@code allowPrefixes}
     * @param prefetchMaxClasses at most this many classes prefetched per answer; 0 disables prefetch
     * @param prefetchMaxBytes at most this many bytes of prefetched class files per answer
     */
    public ClassServer(
            ClassLoader source,
            List<String> allowPrefixes,
            List<String> denyPrefixes,
            int prefetchMaxClasses,
            int prefetchMaxBytes) {
        this.source = Objects.requireNonNull(source, "source");
        this.policy = new ServePolicy(allowPrefixes, denyPrefixes);
        if (prefetchMaxClasses < 0) {
            throw new IllegalArgumentException("prefetchMaxClasses : " + prefetchMaxClasses + " (expected: >= 0)");
        }
        if (prefetchMaxBytes < 0) {
            throw new IllegalArgumentException("prefetchMaxBytes : " + prefetchMaxBytes + " (expected: >= 0)");
        }
        this.prefetchMaxClasses = prefetchMaxClasses;
        this.prefetchMaxBytes = prefetchMaxBytes;
        ClassServerRoots.warnAboutDangerousDirectories(source);
    }

    /**
     * Answers a request for class {@code binaryName} (e.g. {@code com.example.Outer$Inner}) from context {@code
     * requesterId}. The requested class is served even if it was sent before (the requester asks because it lacks
     * it); prefetched classes are never sent twice to the same requester.
     *
     * @throws UncheckedIOException if the class path holds the class but it cannot be read
     */
    public ClassAnswer serveClass(int requesterId, String binaryName) {
        Objects.requireNonNull(binaryName, "binaryName");
        Cached root = lookup(binaryName, false);
        if (root.bytes == null) {
            return ClassAnswer.notFound(binaryName);
        }
        Set<String> sent = sentTo(requesterId);
        sent.add(binaryName);
        return new ClassAnswer(binaryName, root.bytes, prefetch(sent, binaryName, root));
    }

    /**
     * The first occurrence of a resource on the class path, e.g. {@code com/example/app.properties}.
     *
     * @return the bytes, or null when the name is unsafe, denied, absent, not on the application class path or
     *     refused (a symbolic link out of its class-path directory, a hidden file, not a regular file)
     * @throws UncheckedIOException if the resource may be served but cannot be read
     */
    public byte[] serveResource(String resourceName) {
        if (!mayServeResource(resourceName)) {
            return null;
        }
        return files.read(source.getResource(resourceName), resourceName);
    }

    /**
     * Every occurrence of a resource on the application class path in class path order, as {@link
     * ClassLoader#getResources} finds them (e.g. all {@code META-INF/services/...} files for a {@code ServiceLoader}).
     *
     * @return the occurrences that may be served, empty when the name is unsafe, denied or absent
     * @throws UncheckedIOException if an occurrence may be served but cannot be read
     */
    public List<byte[]> serveResources(String resourceName) {
        if (!mayServeResource(resourceName)) {
            return List.of();
        }
        List<byte[]> result = new ArrayList<>();
        try {
            Enumeration<URL> urls = source.getResources(resourceName);
            while (urls.hasMoreElements()) {
                byte[] bytes = files.read(urls.nextElement(), resourceName);
                if (bytes != null) {
                    result.add(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list resource " + resourceName, e);
        }
        return result;
    }

    private boolean mayServeResource(String resourceName) {
        if (policy.mayServeResource(resourceName)) {
            return true;
        }
        if (resourceName != null && !ServePolicy.isSafeResourceName(resourceName)) {
            files.refusedName(resourceName);
        }
        return false;
    }

    /**
     * Records that {@code requesterId} already holds these classes (e.g. those of its runtime bundle), so that they
     * are never prefetched to it.
     */
    public void markDelivered(int requesterId, Collection<String> binaryNames) {
        sentTo(requesterId).addAll(binaryNames);
    }

    /** Drops what was recorded for {@code requesterId}; call when the context is gone. */
    public void forget(int requesterId) {
        delivered.remove(requesterId);
    }

    private Set<String> sentTo(int requesterId) {
        return delivered.computeIfAbsent(requesterId, id -> ConcurrentHashMap.newKeySet());
    }

    private Map<String, byte[]> prefetch(Set<String> sent, String rootName, Cached root) {
        if (prefetchMaxClasses == 0 || root.info == null) {
            return Map.of();
        }
        Prefetch prefetch = new Prefetch(sent);
        prefetch.visited.add(rootName);
        List<Cached> level = List.of(root);
        for (int depth = 1; depth <= PREFETCH_DEPTH && !level.isEmpty() && !prefetch.isFull(); depth++) {
            List<Cached> next = new ArrayList<>();
            for (Cached parent : level) {
                prefetch.offerSupertypes(parent, next);
            }
            for (Cached parent : level) {
                for (String reference : parent.info.referencedClasses()) {
                    prefetch.offer(reference, next);
                }
            }
            level = next;
        }
        return prefetch.chosen;
    }

    /**
     * The class file of a servable class, or {@link #ABSENT}. Negative answers are cached only when asked to: names
     * met while prefetching come from class files on the class path and are finite, names in requests are not.
     */
    private Cached lookup(String binaryName, boolean cacheAbsence) {
        Cached cached = classes.get(binaryName);
        if (cached != null) {
            return cached;
        }
        cached = policy.mayServeClass(binaryName) ? load(binaryName) : ABSENT;
        if (cached.bytes == null && !cacheAbsence) {
            return cached;
        }
        Cached raced = classes.putIfAbsent(binaryName, cached);
        return raced != null ? raced : cached;
    }

    private Cached load(String binaryName) {
        String resourceName = binaryName.replace('.', '/') + ".class";
        byte[] bytes = files.read(source.getResource(resourceName), resourceName);
        if (bytes == null) {
            return ABSENT;
        }
        ClassFileInfo info;
        try {
            info = ClassFileInfo.parse(bytes);
        } catch (IllegalArgumentException e) {
            info = null; // still served when asked for (the child's defineClass reports it); never prefetched
        }
        return new Cached(bytes, info);
    }

    /** A class file and what it says, or {@link #ABSENT}. */
    private record Cached(byte[] bytes, ClassFileInfo info) {}

    /** The state of one prefetch walk: the budget left, what was seen, what was chosen. */
    private final class Prefetch {
        private final Set<String> sent;
        private final Set<String> visited = new HashSet<>();
        private final Map<String, byte[]> chosen = new LinkedHashMap<>();
        private int bytesLeft = prefetchMaxBytes;

        Prefetch(Set<String> sent) {
            this.sent = sent;
        }

        boolean isFull() {
            return chosen.size() >= prefetchMaxClasses;
        }

        /** Offers {@code name}, then (if it was taken) its supertypes; what was taken joins {@code next}. */
        void offer(String name, List<Cached> next) {
            if (isFull() || name == null || !visited.add(name) || sent.contains(name)) {
                return;
            }
            Cached candidate;
            try {
                candidate = lookup(name, true);
            } catch (UncheckedIOException e) {
                return; // a prefetch is a guess: the child asks for it, and gets the error, if it really needs it
            }
            if (candidate.bytes == null || candidate.bytes.length > bytesLeft) {
                return;
            }
            if (!sent.add(name)) {
                return; // another thread served it to the same requester meanwhile
            }
            chosen.put(name, candidate.bytes);
            bytesLeft -= candidate.bytes.length;
            if (candidate.info != null) {
                next.add(candidate);
                offerSupertypes(candidate, next);
            }
        }

        void offerSupertypes(Cached parent, List<Cached> next) {
            offer(parent.info.superClass(), next);
            for (String type : parent.info.interfaces()) {
                offer(type, next);
            }
        }
    }
}
