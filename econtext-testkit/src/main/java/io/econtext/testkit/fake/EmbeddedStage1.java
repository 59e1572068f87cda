package io.econtext.testkit.fake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What the boot script and a fresh JVM would do, done inside this JVM: how an in-JVM context (a fake context, or a
 * virtual host of the simulated fleet) starts. The core's boot script begins with the first stage's length,
 * {@code n=<bytes>;}, and stdin then carries:
 *
 * <pre>
 * [n bytes: the first stage's jar, one entry EcontextStage1.class][u32 len][len bytes: runtime bundle][frames...]
 * </pre>
 *
 * {@link #run} reads the jar, defines {@code EcontextStage1} in a class loader of its own whose parent is the platform
 * loader (nothing of this JVM's class path is visible to the context), and enters the runtime through {@code
 * EcontextStage1.embedded(in, out)}, on the calling thread, until the context exits.
 */
public final class EmbeddedStage1 {
    private static final Pattern STAGE1_LENGTH = Pattern.compile("(?m)^n=(\\d+);");
    private static final Pattern CONTEXT_NAME = Pattern.compile("'-Decontext\\.name=([^']*)'");

    private EmbeddedStage1() {}

    /**
     * The first stage's length, from a boot script (which may be preceded by {@code export} lines); empty when
     * {@code script} is not an econtext boot script.
     */
    public static OptionalInt stage1Length(String script) {
        Matcher m = STAGE1_LENGTH.matcher(script);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The context name the master put on the JVM's command line ({@code -Decontext.name=...}), or {@code other}. */
    public static String contextName(String script, String other) {
        Matcher n = CONTEXT_NAME.matcher(script);
        return n.find() ? n.group(1) : other;
    }

    /**
     * Reads the first stage ({@code stage1Length} bytes) from {@code in}, then runs the runtime over {@code in} and
     * {@code out} on this thread; returns when the context has exited. Blocks; never ends the JVM.
     *
     * @throws IOException when {@code in} ends inside the first stage or the jar is not the first stage's
     * @throws Exception what the runtime threw (the cause, not a reflection wrapper)
     */
    public static void run(InputStream in, OutputStream out, int stage1Length) throws Exception {
        byte[] jar = in.readNBytes(stage1Length);
        if (jar.length < stage1Length) {
            throw new IOException("stdin ended inside the first stage");
        }
        Class<?> stage1Class = new Stage1Loader().define(classFileIn(jar));
        Method entry = stage1Class.getMethod("embedded", InputStream.class, OutputStream.class);
        try {
            entry.invoke(null, in, out);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception x) {
                throw x;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The one class file of the first stage's jar. */
    private static byte[] classFileIn(byte[] jar) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry e = zip.getNextEntry();
            if (e == null || !e.getName().equals("EcontextStage1.class")) {
                throw new IOException("the first stage's jar does not begin with EcontextStage1.class: " + e);
            }
            return zip.readAllBytes();
        }
    }

    /** The class loader of one in-JVM context's first stage: nothing of this JVM's class path is visible through it. */
    private static final class Stage1Loader extends ClassLoader {
        Stage1Loader() {
            super(ClassLoader.getPlatformClassLoader());
        }

        Class<?> define(byte[] bytes) {
            return defineClass("EcontextStage1", bytes, 0, bytes.length);
        }
    }
}
