package io.econtext.testkit.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The pipes between one virtual host's context and its SSH channel, where the host's fault acts. The context reads
 * {@link #input()} and writes {@link #output()}; both pass bytes through to the channel until:
 *
 * <ul>
 *   <li>{@link #kill()}: reads end (-1) and writes fail, as for a process whose pipes were closed; a read blocked on
 *       the channel is woken by closing the channel's input.
 *   <li>{@link FleetFault.Kind#FROZEN}: once the handshake answer ({@code ECONTEXT-READY:}) was flushed, every later read
 *       and write blocks until {@link #kill()}.
 *   <li>{@link FleetFault.Kind#SLOW}: every write sleeps the fault's millis first.
 * </ul>
 *
 * The handshake answer is seen by scanning the written bytes; once it was flushed, the context counts as booted and
 * {@code onReady} runs once, on the writing thread.
 */
final class HostStreams {
    private static final byte[] READY = "ECONTEXT-READY:".getBytes(StandardCharsets.US_ASCII);

    private final InputStream channelIn;
    private final OutputStream channelOut;
    private final FleetFault fault;
    private final Runnable onReady;
    private final CountDownLatch killed = new CountDownLatch(1);
    private boolean ready;
    private volatile boolean booted;
    private int matched;

    HostStreams(InputStream channelIn, OutputStream channelOut, FleetFault fault, Runnable onReady) {
        this.channelIn = channelIn;
        this.channelOut = channelOut;
        this.fault = fault;
        this.onReady = onReady;
    }

    InputStream input() {
        return new Input();
    }

    OutputStream output() {
        return new Output();
    }

    /** Ends the context's pipes; idempotent, any thread. */
    void kill() {
        if (killed.getCount() == 0) {
            return;
        }
        killed.countDown();
        try {
            channelIn.close();
        } catch (IOException e) {
            // closed already
        }
    }

    boolean isKilled() {
        return killed.getCount() == 0;
    }

    private boolean frozen() {
        return booted && fault != null && fault.kind() == FleetFault.Kind.FROZEN;
    }

    /** Blocks until killed when frozen; then, or when killed already, fails as a closed pipe does. */
    private void gate() throws IOException {
        if (frozen()) {
            try {
                killed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (isKilled()) {
            throw new IOException("the virtual host's context was killed");
        }
    }

    private void scan(byte[] b, int off, int len) {
        if (ready) {
            return;
        }
        for (int i = off; i < off + len; i++) {
            matched = b[i] == READY[matched] ? matched + 1 : (b[i] == READY[0] ? 1 : 0);
            if (matched == READY.length) {
                ready = true;
                return;
            }
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                gate();
            } catch (IOException e) {
                return -1;
            }
            int n;
            try {
                n = channelIn.read(b, off, len);
            } catch (IOException e) {
                if (isKilled()) {
                    return -1;
                }
                throw e;
            }
            return isKilled() ? -1 : n;
        }

        @Override
        public int available() throws IOException {
            return isKilled() || frozen() ? 0 : channelIn.available();
        }

        @Override
        public void close() throws IOException {
            channelIn.close();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            gate();
            if (fault != null && fault.kind() == FleetFault.Kind.SLOW && fault.millis() > 0) {
                try {
                    Thread.sleep(fault.millis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while slow", e);
                }
            }
            channelOut.write(b, off, len);
            scan(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            gate();
            channelOut.flush();
            if (ready && !booted) {
                booted = true;
                onReady.run();
            }
        }

        @Override
        public void close() throws IOException {
            channelOut.close();
        }
    }
}
