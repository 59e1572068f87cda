package io.econtext.transport.ssh;

import io.econtext.EcontextException;
import io.econtext.Secret;
import io.econtext.spi.BootCommand;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.auth.password.PasswordAuthenticationReporter;
import org.apache.sshd.client.auth.pubkey.PublicKeyAuthenticationReporter;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.channel.StreamingChannel;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ssh client of one router: one Apache MINA SSHD {@link SshClient}, started on the first boot that asks
 * for it and stopped with the router, shared by every host. Each boot gets its own session and one exec channel that
 * runs the same remote command as the OpenSSH path ({@link OpenSshCommand#remoteCommand}).
 *
 * <pre>
 * connect (TCP)  -&gt;  key exchange, host key checked by the spec's {@link ConnectAttempt}
 *                     (with ProxyJump: first each jump host, logged in with the same keys, then the host through a
 *                     direct-tcpip channel of the last jump host: no command and no JVM runs on a jump host)
 *                -&gt;  login: identity files, then password / keyboard-interactive with the spec's Secret
 *                -&gt;  exec channel "exec sh -c 'SCRIPT'"  =&gt;  {@link MinaSshProcess} (stdin, stdout, stderr)
 * </pre>
 *
 * <p>Threads: MINA's NIO2 I/O runs on {@value #NIO_WORKERS} worker threads, as many that resume reads and one timer
 * thread ({@value #THREADS} in all), whatever the number of hosts. The exec channels are asynchronous ({@link
 * MinaSshProcess}): the core decodes and routes each child's frames on those I/O threads and writes to it by callback,
 * so a host costs the master no thread of its own. {@link #start} blocks its caller for at most the spec's connect
 * timeout.
 */
final class MinaSshClient implements EmbeddedClient {
    private static final Logger LOG = LoggerFactory.getLogger(MinaSshClient.class);
    /** MINA's NIO2 worker threads (its default is cores + 1): I/O only, no user code and no blocking runs there. */
    static final int NIO_WORKERS = 2;
    /** Every thread of the client: two NIO2 pools of {@link #NIO_WORKERS} (I/O, read resumption) and a timer. */
    static final int THREADS = 2 * NIO_WORKERS + 1;
    /** With {@link SshSpec#compression()}: zlib after login (OpenSSH's only kind), plain zlib, else none. */
    private static final List<NamedFactory<Compression>> COMPRESSION =
            List.of(BuiltinCompressions.delayedZlib, BuiltinCompressions.zlib, BuiltinCompressions.none);
    /**
     * The ciphers offered, fastest first: AES-GCM runs on the JDK's AES and GHASH intrinsics; MINA's default puts
     * chacha20-poly1305 first, which it implements in plain Java (bulk transfers at about a third of the speed).
     */
    private static final List<NamedFactory<Cipher>> CIPHERS = List.of(
            BuiltinCiphers.aes128gcm,
            BuiltinCiphers.aes256gcm,
            BuiltinCiphers.aes128ctr,
            BuiltinCiphers.aes192ctr,
            BuiltinCiphers.aes256ctr,
            BuiltinCiphers.cc20p1305_openssh);
    /** The keys OpenSSH tries when no identity file is named, in its order. */
    private static final List<String> DEFAULT_IDENTITIES = List.of("id_rsa", "id_ecdsa", "id_ed25519");

    private final java.util.concurrent.atomic.AtomicInteger openSessions =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger createdSessions =
            new java.util.concurrent.atomic.AtomicInteger();

    // guarded by this
    private SshClient client;
    private boolean closed;

    @Override
    public TransportProcess start(SshSpec spec, BootCommand command) throws IOException {
        long deadline =
                System.nanoTime() + Duration.ofMillis(bootBudgetMillis(spec)).toNanos();
        ConnectAttempt attempt = new ConnectAttempt(spec);
        if (spec.configFile() != null && !Files.isReadable(Paths.get(spec.configFile()))) {
            throw EmbeddedSshDiagnosis.configFileUnreadable(spec);
        }
        attempt.keys = identities(spec);
        SshClient c = client();
        ClientSession session;
        try {
            int port = spec.port() == SshSpec.PORT_UNSET ? 0 : spec.port();
            AttributeRepository context = AttributeRepository.ofKeyValuePair(ConnectAttempt.KEY, attempt);
            String user = spec.user();
            HostConfigEntry entry = attempt.hosts.resolveEffectiveHost(spec.host(), port, null, user, null, context);
            entry = withSpecJumps(spec, spec.host(), port, user, entry);
            if (entry == null) {
                entry = new HostConfigEntry(spec.host(), spec.host(), port, user);
            }
            if (user == null) { // the configuration's User for the host, else this JVM's user (as OpenSSH)
                String configured = entry.getUsername();
                user = configured != null && !configured.isEmpty() ? configured : System.getProperty("user.name");
            }
            attempt.route = SshHop.route(attempt.hosts, spec.host(), entry, context);
            ConnectFuture connect = c.connect(user, spec.host(), port, context, null);
            session = connect.verify(remaining(deadline)).getSession();
        } catch (IOException | RuntimeException e) {
            throw EmbeddedSshDiagnosis.connectFailure(spec, attempt, e);
        }
        try {
            keepalive(session, spec);
            if (spec.password() != null) {
                session.addPasswordIdentity(new String(spec.password().reveal()));
            }
            session.auth().verify(remaining(deadline));
            // Once the host's session has logged in, its bytes flow through the jump host's forward: its listener
            // can go. Not sooner: the connect completes when the kernel accepted the connection, and a listener
            // stopped before MINA took that connection over left the session waiting for a banner that never came.
            attempt.closeJumpListener();
        } catch (IOException | RuntimeException e) {
            session.close(true);
            closeJumpListenerQuietly(attempt);
            if (e instanceof EcontextException) {
                throw e;
            }
            throw EmbeddedSshDiagnosis.loginFailure(spec, attempt, e);
        }
        try {
            ChannelExec channel =
                    session.createExecChannel(OpenSshCommand.remoteCommand(command.script(), command.environment()));
            channel.setStreaming(StreamingChannel.Streaming.Async); // read and written by callback: no thread per host
            channel.open().verify(remaining(deadline));
            return new MinaSshProcess(session, channel);
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw EmbeddedSshDiagnosis.channelFailure(spec, e);
        }
    }

    /**
     * The resolved entry {@code e} of the spec's own host with the spec's {@link SshSpec#proxyJump} (which wins over
     * the configuration's); callers pass the host's entry only, never a jump host's.
     */
    private static HostConfigEntry withSpecJumps(SshSpec spec, String host, int port, String user, HostConfigEntry e) {
        if (spec.proxyJump() == null) {
            return e;
        }
        HostConfigEntry entry = e != null ? e : new HostConfigEntry(host, host, port, user);
        entry.setProxyJump(spec.proxyJump());
        return entry;
    }

    /**
     * What makes one client serve each connect with its own spec, jump hosts included: hosts resolved from the
     * attempt's configuration file, the attempt's keys offered by every session of it (MINA logs in to jump hosts
     * itself, before {@link #start} sees a session), and each session numbered on its route.
     */
    private static void perAttempt(SshClient c) {
        HostConfigEntryResolver fallback = c.getHostConfigEntryResolver();
        c.setHostConfigEntryResolver((host, port, local, user, proxyJump, context) -> {
            ConnectAttempt a = context == null ? null : context.getAttribute(ConnectAttempt.KEY);
            HostConfigEntry e =
                    (a != null ? a.hosts : fallback).resolveEffectiveHost(host, port, local, user, proxyJump, context);
            // MINA resolves the host first, then each jump host (which may share its name, as another user): only
            // the first resolution of the spec's host is the host
            return a == null || !a.spec.host().equals(host) || !a.claimHostResolution()
                    ? e
                    : withSpecJumps(a.spec, host, port, user, e);
        });
        c.setKeyIdentityProvider(session -> {
            ConnectAttempt a = ConnectAttempt.of(session);
            return a != null ? a.keys : List.of();
        });
        c.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                ConnectAttempt a = session instanceof ClientSession ? ConnectAttempt.of((ClientSession) session) : null;
                if (a != null) {
                    a.sessionCreated((ClientSession) session);
                }
            }
        });
    }

    private static void closeJumpListenerQuietly(ConnectAttempt attempt) {
        try {
            attempt.closeJumpListener();
        } catch (IOException | RuntimeException e) {
            LOG.debug("stopping the local forward through a jump host: {}", e.toString());
        }
    }

    /** Sessions of this client that are open now, jump hosts' included (tests). */
    int openSessions() {
        return openSessions.get();
    }

    /** Sessions this client ever created (tests). */
    int createdSessions() {
        return createdSessions.get();
    }

    /** The bound on connect, key exchange, login and channel open: what OpenSSH's ConnectTimeout would be. */
    private static long bootBudgetMillis(SshSpec spec) {
        return OpenSshCommand.sshConnectTimeoutSeconds(spec.connectTimeout().toMillis()) * 1000L;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }

    private static void keepalive(ClientSession session, SshSpec spec) {
        if (spec.keepaliveIntervalSeconds() > 0) {
            Duration interval = Duration.ofSeconds(spec.keepaliveIntervalSeconds());
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(session, interval);
            CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(session, interval);
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(session, spec.keepaliveCountMax());
        }
    }

    /**
     * The spec's identity file, or OpenSSH's default ones that exist ({@code ~/.ssh/id_rsa}, {@code id_ecdsa},
     * {@code id_ed25519}; ones it cannot read are skipped). A named file that cannot be read fails the boot.
     */
    private static List<KeyPair> identities(SshSpec spec) {
        List<KeyPair> keys = new ArrayList<>();
        if (spec.identityFile() != null) {
            keys.addAll(load(spec, Paths.get(spec.identityFile()), true));
        } else if (!spec.identitiesOnly()) {
            Path dir = Paths.get(System.getProperty("user.home"), ".ssh");
            for (String name : DEFAULT_IDENTITIES) {
                Path file = dir.resolve(name);
                if (Files.isReadable(file)) {
                    keys.addAll(load(spec, file, false));
                }
            }
        }
        return keys;
    }

    private static List<KeyPair> load(SshSpec spec, Path file, boolean named) {
        Secret passphrase = spec.identityPassphrase();
        FilePasswordProvider passwords = passphrase == null
                ? FilePasswordProvider.EMPTY
                : (session, resource, retry) -> retry == 0 ? new String(passphrase.reveal()) : null;
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> loaded =
                    SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, passwords);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (named) {
                throw EmbeddedSshDiagnosis.identityFailure(spec, file, e);
            }
            LOG.debug("skipping the default key {}: {}", file, e.getClass().getSimpleName());
        }
        return keys;
    }

    private synchronized SshClient client() {
        if (closed) {
            throw new EcontextException("the router is closed: its embedded ssh client was stopped");
        }
        if (client == null) {
            SshClient c = SshClient.setUpDefaultClient();
            c.setCipherFactories(CIPHERS);
            c.addSessionListener(new SessionListener() {
                @Override
                public void sessionCreated(Session session) {
                    createdSessions.incrementAndGet();
                    openSessions.incrementAndGet();
                }

                @Override
                public void sessionClosed(Session session) {
                    openSessions.decrementAndGet();
                }
            });
            CoreModuleProperties.NIO_WORKERS.set(c, NIO_WORKERS);
            // the econtext heartbeat decides when a silent child is lost; MINA's own idle bound (10 min) must not
            CoreModuleProperties.IDLE_TIMEOUT.set(c, Duration.ZERO);
            CoreModuleProperties.PASSWORD_PROMPTS.set(c, 1);
            c.setServerKeyVerifier((session, remote, key) -> {
                ConnectAttempt a = ConnectAttempt.of(session);
                return a != null && a.verifyServerKey(session, remote, key);
            });
            c.setPublicKeyAuthenticationReporter(new PublicKeyAuthenticationReporter() {
                @Override
                public void signalAuthenticationFailure(
                        ClientSession session, String service, KeyPair key, boolean partial, List<String> methods) {
                    record(session, methods, false);
                }
            });
            c.setPasswordAuthenticationReporter(new PasswordAuthenticationReporter() {
                @Override
                public void signalAuthenticationFailure(
                        ClientSession session, String service, String password, boolean partial, List<String> methods) {
                    record(session, methods, true);
                }
            });
            c.setUserInteraction(new Unanswered());
            c.setAgentFactory(new UnixSocketAgent.Factory());
            perAttempt(c);
            c.addSessionListener(new SessionListener() {
                @Override
                public void sessionCreated(Session session) {
                    // before the first key exchange: this spec's algorithm choices
                    ConnectAttempt a =
                            session instanceof ClientSession ? ConnectAttempt.of((ClientSession) session) : null;
                    if (a != null && a.spec.compression()) {
                        session.setCompressionFactories(COMPRESSION);
                    }
                }
            });
            c.start();
            client = c;
        }
        return client;
    }

    /**
     * Nobody sits at the embedded client: questions are never answered, only noted, so that a login that failed
     * because the server wanted a password no one gave says so ({@link SshPasswordRequiredException}).
     */
    private static final class Unanswered implements UserInteraction {
        @Override
        public boolean isInteractionAllowed(ClientSession session) {
            return ConnectAttempt.of(session) != null;
        }

        @Override
        public String resolveAuthPasswordAttempt(ClientSession session) {
            ConnectAttempt a = ConnectAttempt.of(session);
            if (a != null && a.spec.password() == null) {
                a.serverOffers("password");
            }
            return null;
        }

        @Override
        public String[] interactive(
                ClientSession session, String name, String instruction, String lang, String[] prompt, boolean[] echo) {
            ConnectAttempt a = ConnectAttempt.of(session);
            if (a != null && a.spec.password() == null) {
                a.serverOffers("keyboard-interactive");
            }
            return null;
        }

        @Override
        public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
            return null;
        }
    }

    private static void record(ClientSession session, List<String> methods, boolean password) {
        ConnectAttempt a = ConnectAttempt.of(session);
        if (a != null) {
            a.failedLogin(methods);
            if (password) {
                a.passwordRejected = true;
            }
        }
    }

    @Override
    public void close() {
        SshClient c;
        synchronized (this) {
            closed = true;
            c = client;
            client = null;
        }
        if (c != null) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                LOG.debug("stopping the embedded ssh client: {}", e.toString());
            }
        }
    }
}
