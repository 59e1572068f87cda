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

    /** Reads a throwable whose {@link Tags#THROWABLE} tag was just read at value depth {@code depth}. */
    static RemoteThrowable decode(ByteSource in, int depth) {
        return readBody(in, depth, 0);
    }

    private static RemoteThrowable readBody(ByteSource in, int depth, int level) {
        String className = in.readString();
        String message = in.readNullableString();
        int frames = in.readCount(MIN_FRAME_BYTES);
        StackTraceElement[] stack = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            stack[i] = readFrame(in);
        }

        RemoteThrowable cause = null;
        int hasCause = in.readUnsignedByte();
        if (hasCause == 1) {
            checkNesting(in, depth, level);
            cause = readBody(in, depth + 1, level + 1);
        } else if (hasCause != 0) {
            throw in.malformed("cause flag " + hasCause + " (expected: 0 or 1)");
        }
        RemoteThrowable t = new RemoteThrowable(className, message, stack, cause);

        int suppressed = in.readCount(MIN_BODY_BYTES);
        if (suppressed > 0) {
            checkNesting(in, depth, level);
        }
        for (int i = 0; i < suppressed; i++) {
            t.addSuppressed(readBody(in, depth + 1, level + 1));
        }
        return t;
    }

    private static void checkNesting(ByteSource in, int depth, int level) {
        if (!canNest(depth, level)) {
            throw in.malformed("exception causes nested deeper than " + ValueCodec.MAX_THROWABLE_DEPTH + " levels");
        }
    }

    private static StackTraceElement readFrame(ByteSource in) {
        String declaringClass = in.readString();
        String methodName = in.readString();
        String fileName = in.readNullableString();
        int line = in.readZigZagInt();
        String classLoaderName = in.readNullableString();
        String moduleName = in.readNullableString();
        String moduleVersion = in.readNullableString();
        return new StackTraceElement(
                classLoaderName, moduleName, moduleVersion, declaringClass, methodName, fileName, line);
    }
}
