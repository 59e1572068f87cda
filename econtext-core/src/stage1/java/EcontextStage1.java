import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.zip.Inflater;

/**
 * The first stage of a child context: the one class written to disk, as a jar in a candidate directory (a RAM-backed
 * one when there is one), which the boot script deletes before it starts the JVM: the JVM reads it through its fd 5
 * (see {@code BootScript}). Compiled for Java 8 so that an old JVM can still say it is too old.
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
    /** Bounds on the compressed and inflated bundle: far above the runtime's size, far below what breaks a JVM. */
    private static final int MAX_BUNDLE = 64 << 20;

    private static final int MAX_INFLATED = 256 << 20;
    /** What is allocated before the bundle's bytes arrive; the buffer then doubles as they do. */
    private static final int FIRST_READ = 128 << 10;

    private final Map<String, byte[]> classes;
    private volatile BiFunction<String, Integer, Object> hook;

    private EcontextStage1(Map<String, byte[]> classes, ClassLoader parent) {
        super(parent);
        this.classes = classes;
    }

    public static void main(String[] args) throws Exception {
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

    /**
     * Reads exactly {@code n} bytes. The buffer grows as they arrive, so a corrupt length costs only what the stream
     * did carry.
     */
    private static byte[] readFully(InputStream in, int n) throws IOException {
        if (n < 0 || n > MAX_BUNDLE) {
            throw new IOException("runtime bundle: implausible length " + (n & 0xffffffffL));
        }
        byte[] b = new byte[Math.min(n, FIRST_READ)];
        int off = 0;
        while (off < n) {
            if (off == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(n, 2L * b.length));
            }
            int r = in.read(b, off, b.length - off);
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

    /** Inflates and splits the bundle; the layout is on {@code RuntimeBundle}. Corrupt bytes are an IOException. */
    private static Map<String, byte[]> inflate(byte[] wire) throws IOException {
        Inflater inflater = new Inflater(true);
        byte[] buf;
        int len = 0;
        try {
            inflater.setInput(wire);
            buf = new byte[Math.max(1024, Math.min(wire.length, MAX_BUNDLE) * 4)];
            while (!inflater.finished()) {
                if (len == buf.length) {
                    if (len >= MAX_INFLATED) {
                        throw new IOException("runtime bundle inflates to more than " + MAX_INFLATED + " bytes");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, MAX_INFLATED));
                }
                int r = inflater.inflate(buf, len, buf.length - len);
                if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("runtime bundle is truncated");
                }
                len += r;
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException("runtime bundle is corrupt: " + e.getMessage());
        } finally {
            inflater.end();
        }
        Map<String, byte[]> out = new HashMap<String, byte[]>(512);
        int p = 0;
        while (true) {
            int nameLen = u2(buf, p, len);
            p += 2;
            if (nameLen == 0) {
                return out;
            }
            require(p, nameLen, len);
            String name = new String(buf, p, nameLen, UTF_8);
            p += nameLen;
            require(p, 4, len);
            int size = ((buf[p] & 0xff) << 24)
                    | ((buf[p + 1] & 0xff) << 16)
                    | ((buf[p + 2] & 0xff) << 8)
                    | (buf[p + 3] & 0xff);
            p += 4;
            require(p, size, len);
            byte[] bytes = new byte[size];
            System.arraycopy(buf, p, bytes, 0, size);
            p += size;
            out.put(name, bytes);
        }
    }

    private static int u2(byte[] buf, int p, int len) throws IOException {
        require(p, 2, len);
        return ((buf[p] & 0xff) << 8) | (buf[p + 1] & 0xff);
    }

    /** {@code count} bytes (a u32 read as an int: negative when huge) must remain at {@code p} of {@code len}. */
    private static void require(int p, int count, int len) throws IOException {
        if (count < 0 || count > len - p) {
            throw new IOException("runtime bundle is corrupt: " + (count & 0xffffffffL) + " bytes needed at " + p + ", "
                    + (len - p) + " left");
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
