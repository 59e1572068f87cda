package io.econtext.internal.child;

import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.FrameWriter;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Where the first stage enters the runtime, without reflection beyond one constructor: it is a {@link Consumer} of
 * {@code [stdin, stdout, bundle, loader, embedded]}. Reads the boot parameters, answers the handshake, then runs the
 * parent stream's reader on the main thread until the parent goes away.
 *
 * <p>Embedded (an in-JVM fake context, entered through {@code EcontextStage1.embedded}), it shares its JVM with others:
 * it never ends the JVM, throws what would have ended it, and returns when the context has exited.
 */
public final class ChildMain implements Consumer<Object[]> {
    @Override
    public void accept(Object[] args) {
        InputStream in = (InputStream) args[0];
        OutputStream out = (OutputStream) args[1];
        byte[] bundle = (byte[]) args[2];
        ClassLoader loader = (ClassLoader) args[3];
        boolean embedded = args.length > 4 && Boolean.TRUE.equals(args[4]);
        ChildRuntime runtime = null;
        try {
            FrameReader reader = FrameReader.fromParent(in, Frames.DEFAULT_MAX_FRAME);
            Message params = reader.read();
            if (params == null) {
                if (embedded) {
                    return;
                }
                System.exit(2);
            }
            runtime = new ChildRuntime(params.data, reader, new FrameWriter(out), bundle, loader, embedded);
            runtime.handshake(("ECONTEXT-READY:1\n").getBytes(StandardCharsets.US_ASCII));
        } catch (Throwable t) {
            if (embedded) {
                throw new IllegalStateException("the child runtime failed to start: " + t, t);
            }
            System.err.println("econtext: the child runtime failed to start: " + t);
            t.printStackTrace();
            Runtime.getRuntime().halt(4);
        }
        runtime.run();
    }
}
