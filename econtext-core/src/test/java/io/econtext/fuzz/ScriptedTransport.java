package io.econtext.fuzz;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.spi.BootCommand;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * A transport whose process prints what a fuzz input says, on stdout and stderr, and exits with the status it says
 * (or keeps running until killed): the bytes a child's side of a boot may produce, without a JVM. Waiting for it
 * never blocks, so that a fuzzer can boot thousands of them a second.
 */
final class ScriptedTransport implements Transport<ScriptedTransport.Spec> {
    private final ScriptedProcess process;

    ScriptedTransport(ScriptedProcess process) {
        this.process = process;
    }

    @Override
    public String scheme() {
        return "scripted";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public TransportProcess start(Spec spec, BootCommand command) {
        return process;
    }

    /** The spec of a scripted boot: defaults everywhere, a connect timeout that a script never reaches. */
    static final class Spec implements ConnectionSpec {
        @Override
        public String scheme() {
            return "scripted";
        }

        @Override
        public Context via() {
            return null;
        }

        @Override
        public ConnectionSpec withoutVia() {
            return this;
        }

        @Override
        public String javaPath() {
            return "java";
        }

        @Override
        public List<String> jvmOptions() {
            return List.of();
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public String name() {
            return "scripted";
        }
    }

    /** The process: fixed output, an exit status or none (running), and a record of whether it was killed. */
    static final class ScriptedProcess implements TransportProcess {
        private final InputStream stdout;
        private final byte[] stderr;
        private volatile Integer exitStatus;
        private volatile boolean ended;

        ScriptedProcess(InputStream stdout, byte[] stderr, Integer exitStatus) {
            this.stdout = stdout;
            this.stderr = stderr;
            this.exitStatus = exitStatus;
            this.ended = exitStatus != null;
        }

        @Override
        public OutputStream stdin() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream stdout() {
            return stdout;
        }

        @Override
        public InputStream stderr() {
            return new ByteArrayInputStream(stderr);
        }

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public boolean isAlive() {
            return !ended;
        }

        @Override
        public Integer exitStatus() {
            return exitStatus;
        }

        /** Answers at once: a running script would have run past any timeout. */
        @Override
        public boolean waitFor(Duration timeout) {
            return ended;
        }

        @Override
        public void terminate() {
            kill();
        }

        @Override
        public void kill() {
            if (!ended) {
                exitStatus = 137;
                ended = true;
            }
        }
    }
}
