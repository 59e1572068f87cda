package io.econtext.testkit.fleet;

import io.econtext.testkit.fake.EmbeddedStage1;
import io.econtext.testkit.sshd.EmbeddedSshServer;
import io.econtext.testkit.sshd.ShellCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * The simulated fleet's server: the {@code main} of the JVM that {@link SimulatedFleet#start} launches. One MINA SSHD
 * server on 127.0.0.1 serves every virtual host; a host is a login name ({@link FleetHosts#name}), let in with the
 * one generated client key. Per exec request:
 *
 * <ul>
 *   <li>an econtext boot ({@code [exec sh -c] 'n=<stage1 length>; ...'}): the context runs in this JVM
 *       ({@link ContextCommand}), in a thread group named after the host ({@link SimulatedHost});
 *   <li>{@code hostname}: the host's name; {@code econtext-fleet-contexts}: how many contexts run in this JVM, on
 *       every host ({@link TextCommand});
 *   <li>anything else: {@code /bin/sh -c} as this JVM's user ({@link ShellCommand}).
 * </ul>
 *
 * <p>Arguments: {@code DIR HOSTS}. It reads {@code DIR/faults} (lines {@code host fault}, optional), writes
 * {@code DIR/id_ecdsa} (the client key, mode 600) and {@code DIR/known_hosts} (the host key for every port it
 * serves), then prints and writes to {@code DIR/ready} (atomically) the line:
 *
 * <pre>
 * ECONTEXT-FLEET-READY ssh=PORT refuse=PORT hang=PORT
 * </pre>
 *
 * It stops (all sessions, all contexts, the JVM) when its stdin ends: the launcher holds the pipe, so a launcher that
 * dies takes the server with it.
 */
public final class FleetServer {
    static final String READY = "ECONTEXT-FLEET-READY";
    static final String CLIENT_KEY = "id_ecdsa";
    static final String KNOWN_HOSTS = "known_hosts";
    static final String FAULTS = "faults";
    static final String READY_FILE = "ready";

    /** The exec request that prints how many contexts run in the server JVM, on any host. */
    static final String CONTEXTS_COMMAND = "econtext-fleet-contexts";

    private static final String HOST = "127.0.0.1";
    private static final String EXEC_SH = "exec sh -c ";

    private final FleetHosts hosts;
    private final Map<String, FleetFault> faults;
    private final Map<String, ThreadGroup> groups = new ConcurrentHashMap<>();
    private final ThreadGroup fleetGroup = new ThreadGroup(SimulatedHost.FLEET_GROUP);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger liveContexts = new AtomicInteger();
    private final List<Socket> hanging = new CopyOnWriteArrayList<>();
    private SshServer server;
    private SocketChannel refused;
    private ServerSocket hang;

    private FleetServer(FleetHosts hosts, Map<String, FleetFault> faults) {
        this.hosts = hosts;
        this.faults = faults;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: FleetServer DIR HOSTS");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        FleetHosts hosts = new FleetHosts(Integer.parseInt(args[1]));
        Path faultsFile = dir.resolve(FAULTS);
        Map<String, FleetFault> faults =
                Files.exists(faultsFile) ? FleetHosts.readFaults(Files.readAllLines(faultsFile)) : Map.of();
        FleetServer s = new FleetServer(hosts, faults);
        String line = s.start(dir);
        Path tmp = Files.writeString(dir.resolve(READY_FILE + ".tmp"), line + "\n");
        Files.move(tmp, dir.resolve(READY_FILE), StandardCopyOption.ATOMIC_MOVE);
        System.out.println(line);
        System.out.flush();
        while (System.in.read() >= 0) {
            // the launcher never writes; EOF means stop
        }
        s.stop();
        Runtime.getRuntime().halt(0);
    }

    private String start(Path dir) throws IOException, GeneralSecurityException {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        KeyPair clientKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        EmbeddedSshServer.writePrivateKey(clientKey, dir.resolve(CLIENT_KEY));

        // refuse: a port bound but not listening, so the kernel answers a SYN with RST ("Connection refused")
        refused = SocketChannel.open();
        refused.bind(new InetSocketAddress(HOST, 0));
        // hang: the kernel completes the TCP handshake; nobody ever writes
        hang = new ServerSocket(0, 1024, InetAddress.getByName(HOST));
        Thread acceptor = new Thread(this::holdHangingConnections, "fleet-hang-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();

        server = SshServer.setUpDefaultServer();
        server.setHost(HOST);
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> hosts.contains(user)
                && !isFault(user, FleetFault.Kind.BAD_AUTH)
                && KeyUtils.compareKeys(clientKey.getPublic(), key));
        server.setShellFactory(null);
        server.setCommandFactory(this::command);
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
        CoreModuleProperties.AUTH_TIMEOUT.set(server, Duration.ofSeconds(60));
        server.start();

        int refusePort = ((InetSocketAddress) refused.getLocalAddress()).getPort();
        String key = PublicKeyEntry.toString(hostKey.getPublic());
        StringBuilder known = new StringBuilder();
        for (int port : new int[] {server.getPort(), refusePort, hang.getLocalPort()}) {
            known.append('[')
                    .append(HOST)
                    .append("]:")
                    .append(port)
                    .append(' ')
                    .append(key)
                    .append('\n');
        }
        Files.writeString(dir.resolve(KNOWN_HOSTS), known);
        return READY + " ssh=" + server.getPort() + " refuse=" + refusePort + " hang=" + hang.getLocalPort();
    }

    private boolean isFault(String host, FleetFault.Kind kind) {
        FleetFault f = faults.get(host);
        return f != null && f.kind() == kind;
    }

    private Command command(ChannelSession channel, String commandLine) {
        String host = channel.getSession().getUsername();
        String script = script(commandLine);
        OptionalInt stage1Length = EmbeddedStage1.stage1Length(script);
        if (stage1Length.isPresent()) {
            ThreadGroup group = groups.computeIfAbsent(host, h -> new ThreadGroup(fleetGroup, h));
            return new ContextCommand(host, group, stage1Length.getAsInt(), faults.get(host), timer, liveContexts);
        }
        if (commandLine.trim().equals("hostname")) {
            return new TextCommand(host + "\n", timer);
        }
        if (commandLine.trim().equals(CONTEXTS_COMMAND)) {
            return new TextCommand(liveContexts.get() + "\n", timer);
        }
        return new ShellCommand(commandLine);
    }

    /** The script of {@code exec sh -c 'SCRIPT'} (how the ssh transport sends the boot), or the command itself. */
    static String script(String commandLine) {
        if (!commandLine.startsWith(EXEC_SH)) {
            return commandLine;
        }
        StringBuilder s = new StringBuilder(commandLine.length());
        boolean quoted = false;
        for (int i = EXEC_SH.length(); i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '\\' && !quoted && i + 1 < commandLine.length()) {
                s.append(commandLine.charAt(++i));
            } else if (!quoted && Character.isWhitespace(c)) {
                return commandLine; // more than one word: not the transport's boot command
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private void holdHangingConnections() {
        try {
            while (true) {
                hanging.add(hang.accept());
            }
        } catch (IOException e) {
            // closed at stop
        }
    }

    private void stop() {
        try {
            server.stop(true);
        } catch (IOException | RuntimeException e) {
            // closing sockets only
        }
        closeQuietly(refused);
        closeQuietly(hang);
        hanging.forEach(FleetServer::closeQuietly);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing only
        }
    }
}
