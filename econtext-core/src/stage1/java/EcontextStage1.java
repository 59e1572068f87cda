import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.zip.Inflater;

/**
 * The first stage of a child context: the one class written to disk, as a jar in a fresh private directory (a
 * RAM-backed one when there is one), deleted as soon as the JVM has loaded it. Compiled for Java 8 so that an old JVM
 * can still say it is too old.
 *
 * <p>It reads the runtime bundle from fd 3 (the transport's stdin, moved there by the boot script), becomes the class
 * loader of the runtime, and enters it. It then serves as the class loader of user classes too: what the bundle lacks
 * is asked of the hook the runtime installs (which fetches it from the parent context).
 *
 * <pre>
 * stdin:  [first stage jar, read by head -c][u32 n][n bytes: raw DEFLATE bundle][boot parameters frame]...
 * stdout: "ECONTEXT-READY:1\n" then frames        or   "ECONTEXT-ERROR: reason\n"
 * </pre>
 */
public final class EcontextStage1 extends ClassLoader implements Consumer<Object> {
    static {
        registerAsParallelCapable();
    }

    private static final java.nio.charset.Charset UTF_8 = java.nio.charset.Charset.forName("UTF-8");

    private final Map<String, byte[]> classes;
    private volatile BiFunction<String, Integer, Object> hook;

    private EcontextStage1(Map<String, byte[]> classes, ClassLoader parent) {
        super(parent);
        this.classes = classes;
    }

    public static void main(String[] args) throws Exception {
        deleteOwnJar();
        OutputStream out = new FileOutputStream("/dev/fd/4");
        String spec = System.getProperty("java.specification.version");
        if (feature(spec) < 17) {
            String msg = "ECONTEXT-ERROR: java-too-old " + spec + " " + System.getProperty("java.home") + "\n";
            out.write(msg.getBytes("UTF-8"));
            out.flush();
            System.exit(3);
        }
        enter(new FileInputStream("/dev/fd/3"), out, false);
    }

    /**
     * Deletes the jar this class came from, and its directory. The class path is {@code /dev/fd/5}, this JVM's
     * descriptor of the jar the boot script wrote; before {@code main}, while the directory was still private, the JDK
     * resolved it to the jar's path and opened the jar, and it reads classes and resources only through that open file
     * from now on. So nothing is left behind, and nothing on the class path that another user could re-create.
     */
    private static void deleteOwnJar() throws IOException {
        File jar = new File("/dev/fd/5").getCanonicalFile();
        // the name BootScript gives it: never delete what a descriptor 5 of another origin names
        if (jar.getName().equals("EcontextStage1.jar")) {
            jar.delete();
            File dir = jar.getParentFile();
            if (dir != null && dir.getName().startsWith("econtext.")) {
                dir.delete();
            }
        }
    }

    /**
     * Enters the runtime in the calling JVM, over the given streams instead of fds 3 and 4: how an in-JVM fake context
     * runs. The caller defines this class in a class loader of its own, so that the runtime, and the user classes it
     * fetches, have their own static state. Returns when the context has exited; never ends the JVM.
     *
     * @param in what would be stdin after the first stage: {@code [u32 n][n bytes: bundle][boot parameters frame]...}
     * @param out what would be stdout: the handshake marker, then frames
     */
    public static void embedded(InputStream in, OutputStream out) throws Exception {
        enter(in, out, true);
    }

    private static void enter(InputStream in, OutputStream out, boolean embedded) throws Exception {
        byte[] head = readFully(in, 4);
        int n = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        byte[] wire = readFully(in, n);
        Map<String, byte[]> classes = inflate(wire);
        EcontextStage1 loader =
                new EcontextStage1(classes, ClassLoader.getSystemClassLoader().getParent());
        Class<?> main = loader.loadClass("io.econtext.internal.child.ChildMain");
        @SuppressWarnings("unchecked")
        Consumer<Object[]> entry =
                (Consumer<Object[]>) main.getDeclaredConstructor().newInstance();
        entry.accept(new Object[] {in, out, wire, loader, Boolean.valueOf(embedded)});
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new IOException("stdin ended inside the runtime bundle");
            }
            off += r;
        }
        return b;
    }

    private static int feature(String spec) {
        if (spec == null) {
            return 0;
        }
        if (spec.startsWith("1.")) {
            spec = spec.substring(2);
        }
        int dot = spec.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? spec : spec.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, byte[]> inflate(byte[] wire) throws Exception {
        Inflater inflater = new Inflater(true);
        inflater.setInput(wire);
        byte[] buf = new byte[Math.max(1024, wire.length * 4)];
        int len = 0;
        while (!inflater.finished()) {
            if (len == buf.length) {
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, len);
                buf = bigger;
            }
            int r = inflater.inflate(buf, len, buf.length - len);
            if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new IOException("runtime bundle is truncated");
            }
            len += r;
        }
        inflater.end();
        Map<String, byte[]> out = new HashMap<String, byte[]>(512);
        int p = 0;
        while (true) {
            int nameLen = ((buf[p] & 0xff) << 8) | (buf[p + 1] & 0xff);
            p += 2;
            if (nameLen == 0) {
                return out;
            }
            String name = new String(buf, p, nameLen, UTF_8);
            p += nameLen;
            int size = ((buf[p] & 0xff) << 24)
                    | ((buf[p + 1] & 0xff) << 16)
                    | ((buf[p + 2] & 0xff) << 8)
                    | (buf[p + 3] & 0xff);
            p += 4;
            byte[] bytes = new byte[size];
            System.arraycopy(buf, p, bytes, 0, size);
            p += size;
            out.put(name, bytes);
        }
    }

    /** Installs the hook the runtime uses to fetch what the bundle lacks. */
    @Override
    @SuppressWarnings("unchecked")
    public void accept(Object h) {
        hook = (BiFunction<String, Integer, Object>) h;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b;
        synchronized (classes) {
            b = classes.remove(name.replace('.', '/') + ".class");
        }
        if (b == null) {
            BiFunction<String, Integer, Object> h = hook;
            Object r = h == null ? null : h.apply(name, Integer.valueOf(0));
            if (!(r instanceof byte[])) {
                throw new ClassNotFoundException(name);
            }
            b = (byte[]) r;
        }
        return defineClass(name, b, 0, b.length);
    }

    @Override
    protected URL findResource(String name) {
        BiFunction<String, Integer, Object> h = hook;
        return h == null ? null : (URL) h.apply(name, Integer.valueOf(1));
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Enumeration<URL> findResources(String name) {
        BiFunction<String, Integer, Object> h = hook;
        Object r = h == null ? null : h.apply(name, Integer.valueOf(2));
        return r == null ? Collections.<URL>emptyEnumeration() : (Enumeration<URL>) r;
    }
}
