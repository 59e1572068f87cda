package io.econtext.internal.codec;

import io.econtext.RemoteThrowable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Carries any {@link Throwable} as data: class name, message, stack, cause and suppressed exceptions (layout in
 * {@link Tags}). The remote class is never instantiated; every throwable decodes to a {@link RemoteThrowable}, and a
 * {@code RemoteThrowable} encodes as the exception it stands for.
 *
 * <p>Encoding never fails on a throwable's shape: a cause or suppressed exception already written (a cycle) or nested
 * deeper than {@link ValueCodec#MAX_THROWABLE_DEPTH} levels is left out. Decoding rejects such nesting.
 */
final class ThrowableCodec {
    // Smallest encodings, to bound declared counts: frame = 2 strings + line + 4 nullable strings; body = class,
    // message, frame count, cause flag, suppressed count.
    private static final int MIN_FRAME_BYTES = 7;
    private static final int MIN_BODY_BYTES = 5;
    // Heap charged to the decoder's budget: a RemoteThrowable and its stack arrays' headers; a frame; a frame's slots
    // in the stack array and in the copy RemoteThrowable keeps.
    private static final int THROWABLE = 96;
    private static final int FRAME = 48;
    private static final int FRAME_SLOTS = 8;
    private static final Throwable[] NONE = new Throwable[0];

    private ThrowableCodec() {}

    /** Writes the {@link Tags#THROWABLE} tag and {@code t}, which sits at value depth {@code depth}. */
    static void encode(ByteSink out, Throwable t, int depth) {
        out.writeByte(Tags.THROWABLE);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        writeBody(out, t, depth, 0, seen);
    }

    private static void writeBody(ByteSink out, Throwable t, int depth, int level, Set<Throwable> seen) {
        seen.add(t);
        if (t instanceof RemoteThrowable) {
            RemoteThrowable remote = (RemoteThrowable) t;
            out.writeUtf8(remote.remoteClassName());
            writeNullable(out, remote.remoteMessage());
        } else {
            out.writeUtf8(t.getClass().getName());
            writeNullable(out, messageOf(t));
        }
        StackTraceElement[] stack = t.getStackTrace();
        out.writeVarInt(stack.length);
        for (StackTraceElement frame : stack) {
            writeFrame(out, frame);
        }

        boolean nest = canNest(depth, level);
        Throwable cause = nest ? t.getCause() : null;
        if (cause != null && !seen.contains(cause)) {
            out.writeByte(1);
            writeBody(out, cause, depth + 1, level + 1, seen);
        } else {
            out.writeByte(0);
        }

        Throwable[] suppressed = nest ? t.getSuppressed() : NONE;
        ArrayList<Throwable> kept = new ArrayList<>(suppressed.length);
        for (Throwable s : suppressed) {
            if (s != null && !seen.contains(s) && !kept.contains(s)) {
                kept.add(s);
            }
        }
        out.writeVarInt(kept.size());
        for (Throwable s : kept) {
            writeBody(out, s, depth + 1, level + 1, seen);
        }
    }

    private static boolean canNest(int depth, int level) {
        return level + 1 < ValueCodec.MAX_THROWABLE_DEPTH && depth + 1 < ValueCodec.MAX_DEPTH;
    }

    private static String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException e) {
            // A broken getMessage() override must not hide the exception being reported.
            return "(getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    private static void writeFrame(ByteSink out, StackTraceElement frame) {
        out.writeUtf8(frame.getClassName());
        out.writeUtf8(frame.getMethodName());
        writeNullable(out, frame.getFileName());
        int line = frame.getLineNumber();
        out.writeVarInt((line << 1) ^ (line >> 31));
        writeNullable(out, frame.getClassLoaderName());
        writeNullable(out, frame.getModuleName());
        writeNullable(out, frame.getModuleVersion());
    }

    private static void writeNullable(ByteSink out, String s) {
        if (s == null) {
            out.writeVarInt(0);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeVarInt(utf8.length + 1);
        out.writeBytes(utf8);
    }

    /**
     * Reads a throwable whose {@link Tags#THROWABLE} tag was just read at value depth {@code depth}, charging what it
     * allocates to {@code budget}.
     */
    static RemoteThrowable decode(ByteSource in, int depth, ValueDecoder budget) {
        return readBody(in, depth, 0, budget, new FrameStrings());
    }

    private static RemoteThrowable readBody(
            ByteSource in, int depth, int level, ValueDecoder budget, FrameStrings strings) {
        String className = budget.readString();
        int messageStart = in.position();
        String message = in.readNullableString();
        if (message != null) {
            // the message, and the detail message RemoteThrowable builds as "className: message"
            budget.charge(2L * ValueDecoder.STRING + className.length() + 2L * (in.position() - messageStart));
        }
        int frames = in.readCount(MIN_FRAME_BYTES);
        budget.charge(THROWABLE + (long) FRAME_SLOTS * frames);
        StackTraceElement[] stack = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            stack[i] = readFrame(in, budget, strings);
        }

        RemoteThrowable cause = null;
        int hasCause = in.readUnsignedByte();
        if (hasCause == 1) {
            checkNesting(in, depth, level);
            cause = readBody(in, depth + 1, level + 1, budget, strings);
        } else if (hasCause != 0) {
            throw in.malformed("cause flag " + hasCause + " (expected: 0 or 1)");
        }
        RemoteThrowable t = new RemoteThrowable(className, message, stack, cause);

        int suppressed = in.readCount(MIN_BODY_BYTES);
        if (suppressed > 0) {
            checkNesting(in, depth, level);
            budget.charge(ValueDecoder.LIST + ValueDecoder.ARRAY);
        }
        for (int i = 0; i < suppressed; i++) {
            budget.charge(ValueDecoder.REF);
            t.addSuppressed(readBody(in, depth + 1, level + 1, budget, strings));
        }
        return t;
    }

    private static void checkNesting(ByteSource in, int depth, int level) {
        if (!canNest(depth, level)) {
            throw in.malformed("exception causes nested deeper than " + ValueCodec.MAX_THROWABLE_DEPTH + " levels");
        }
    }

    private static StackTraceElement readFrame(ByteSource in, ValueDecoder budget, FrameStrings strings) {
        budget.charge(FRAME);
        String declaringClass = strings.read(in, budget, FrameStrings.CLASS, false);
        String methodName = strings.read(in, budget, FrameStrings.METHOD, false);
        String fileName = strings.read(in, budget, FrameStrings.FILE, true);
        int line = in.readZigZagInt();
        String classLoaderName = strings.read(in, budget, FrameStrings.LOADER, true);
        String moduleName = strings.read(in, budget, FrameStrings.MODULE, true);
        String moduleVersion = strings.read(in, budget, FrameStrings.VERSION, true);
        return new StackTraceElement(
                classLoaderName, moduleName, moduleVersion, declaringClass, methodName, fileName, line);
    }

    /**
     * The strings of the frame read last. A field that repeats the previous frame's bytes (the module and its version
     * down a stack of JDK frames, the file down one class's methods) reuses its string instead of decoding a copy:
     * a deep stack then costs the master little more than its frames.
     */
    private static final class FrameStrings {
        static final int CLASS = 0;
        static final int METHOD = 1;
        static final int FILE = 2;
        static final int LOADER = 3;
        static final int MODULE = 4;
        static final int VERSION = 5;

        private final int[] at = new int[6];
        private final int[] length = new int[6];
        private final String[] value = new String[6];

        String read(ByteSource in, ValueDecoder budget, int field, boolean nullable) {
            int n = nullable ? in.readNullableStringLength() : in.readStringLength();
            if (n < 0) {
                return null;
            }
            String last = value[field];
            if (last != null && length[field] == n && in.nextBytesEqual(at[field], n)) {
                in.skip(n);
                return last;
            }
            budget.charge(ValueDecoder.STRING + n);
            at[field] = in.position();
            length[field] = n;
            String s = in.readUtf8(n);
            value[field] = s;
            return s;
        }
    }
}
