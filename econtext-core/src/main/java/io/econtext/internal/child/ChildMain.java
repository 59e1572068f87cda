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
 * {@code [stdin, stdout, bundle, loader]}. Reads the boot parameters, answers the handshake, then runs the parent
 * stream's reader on the main thread until the parent goes away.
 */
public final class ChildMain implements Consumer<Object[]> {
    @Override
    public void accept(Object[] args) {
        InputStream in = (InputStream) args[0];
        OutputStream out = (OutputStream) args[1];
        byte[] bundle = (byte[]) args[2];
        ClassLoader loader = (ClassLoader) args[3];
        ChildRuntime runtime = null;
        try {
            FrameReader reader = new FrameReader(in, Frames.DEFAULT_MAX_FRAME);
            Message params = reader.read();
            if (params == null) {
                System.exit(2);
            }
            runtime = new ChildRuntime(params.data, reader, new FrameWriter(out), bundle, loader);
            runtime.handshake(("ECONTEXT-READY:1\n").getBytes(StandardCharsets.US_ASCII));
        } catch (Throwable t) {
            System.err.println("econtext: the child runtime failed to start: " + t);
            t.printStackTrace();
            Runtime.getRuntime().halt(4);
        }
        runtime.run();
    }
}
