package io.econtext.bench;

import io.econtext.spi.BootCommand;
import io.econtext.spi.ForwardingTransportProcess;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import io.econtext.transport.local.LocalSpec;
import io.econtext.transport.local.LocalTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/** The local transport, counting every byte written to the children's stdin and read from their stdout. */
public final class CountingLocalTransport implements Transport<LocalSpec> {
    private final LocalTransport delegate = new LocalTransport();
    private final AtomicLong toChild = new AtomicLong();
    private final AtomicLong fromChild = new AtomicLong();

    @Override
    public String scheme() {
        return delegate.scheme();
    }

    @Override
    public Class<LocalSpec> specType() {
        return delegate.specType();
    }

    @Override
    public TransportProcess start(LocalSpec spec, BootCommand command) throws IOException {
        return new Counted(delegate.start(spec, command));
    }

    @Override
    public RuntimeException diagnose(LocalSpec spec, Integer exitStatus, String output) {
        return delegate.diagnose(spec, exitStatus, output);
    }

    /** Bytes written to the children's stdin so far. */
    public long toChild() {
        return toChild.get();
    }

    /** Bytes read from the children's stdout so far. */
    public long fromChild() {
        return fromChild.get();
    }

    private final class Counted extends ForwardingTransportProcess {
        private final OutputStream stdin;
        private final InputStream stdout;

        Counted(TransportProcess process) {
            super(process);
            this.stdin = new CountingOutput(process.stdin(), toChild);
            this.stdout = new CountingInput(process.stdout(), fromChild);
        }

        @Override
        public OutputStream stdin() {
            return stdin;
        }

        @Override
        public InputStream stdout() {
            return stdout;
        }
    }

    private static final class CountingOutput extends OutputStream {
        private final OutputStream out;
        private final AtomicLong count;

        CountingOutput(OutputStream out, AtomicLong count) {
            this.out = out;
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private final AtomicLong count;

        CountingInput(InputStream in, AtomicLong count) {
            this.in = in;
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
