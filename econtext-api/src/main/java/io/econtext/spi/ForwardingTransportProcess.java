package io.econtext.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A {@link TransportProcess} that forwards every method to another one: extend it and override what a wrapper changes
 * (a stream that counts or watches, an end that also cleans something up).
 *
 * <pre>{@code
 * final class Counted extends ForwardingTransportProcess {
 *   Counted(TransportProcess p) { super(p); }
 *   public OutputStream stdin() { return counting(super.stdin()); }
 * }
 * }</pre>
 */
public abstract class ForwardingTransportProcess implements TransportProcess {
    private final TransportProcess delegate;

    protected ForwardingTransportProcess(TransportProcess delegate) {
        this.delegate = delegate;
    }

    @Override
    public OutputStream stdin() {
        return delegate.stdin();
    }

    @Override
    public InputStream stdout() {
        return delegate.stdout();
    }

    @Override
    public InputStream stderr() {
        return delegate.stderr();
    }

    @Override
    public long pid() {
        return delegate.pid();
    }

    @Override
    public boolean isAlive() {
        return delegate.isAlive();
    }

    @Override
    public Integer exitStatus() {
        return delegate.exitStatus();
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return delegate.waitFor(timeout);
    }

    @Override
    public void terminate() {
        delegate.terminate();
    }

    @Override
    public void kill() {
        delegate.kill();
    }

    @Override
    public RuntimeException diagnose(Integer exitStatus, String output) {
        return delegate.diagnose(exitStatus, output);
    }
}
