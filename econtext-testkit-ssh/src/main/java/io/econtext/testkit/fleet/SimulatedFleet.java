package io.econtext.testkit.fleet;

import io.econtext.testkit.DirectoryTrees;
import io.econtext.transport.ssh.Ssh;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet of virtual SSH hosts for tests: a {@link FleetServer} in a JVM of its own, serving {@code host-0001} ...
 * on 127.0.0.1, where each econtext boot runs a real runtime inside that JVM (its own class loaders), so that a
 * thousand hosts fit on one small machine and the master does exactly what it does against real hosts: SSH
 * handshake, runtime bundle, handshake, class serving, calls. Hosts may fail on demand ({@link FleetFault}).
 *
 * <pre>{@code
 * try (SimulatedFleet fleet = SimulatedFleet.start(SimulatedFleetOptions.hosts(200)
 *                 .fault("host-0002", FleetFault.frozen()));
 *         Router router = Econtext.newRouter()) {
 *     for (SshSpec spec : fleet.specs(SshClientKind.EMBEDDED)) {
 *         Context c = router.connect(spec);            // named after its host
 *         String host = c.call(SimulatedHost::name);   // "host-0001", ...
 *     }
 * }
 * }</pre>
 *
 * <p>The server JVM runs {@code java} of this JVM's {@code java.home} with this JVM's class path, a heap sized for the
 * fleet, and its stdout and stderr in a log file beside the keys; it stops when {@link #close()} closes its stdin, or
 * when this JVM dies. Every context runs as this machine's current user: the login names are only names.
 *
 * <p>What a simulated host is not: its contexts share one JVM, so they share system properties, environment, working
 * directory, the JDK's static state (e.g. the common {@code ForkJoinPool}) and the machine's files; their own classes
 * and the runtime are theirs alone (own class loaders). {@link SimulatedHost#name()} tells a call its host. A login
 * name that is not one of {@link #hostNames()} is refused as {@code bad-auth} is. Exec requests that are not an
 * econtext boot run through {@code /bin/sh} on this machine ({@code hostname} answers the host's name).
 *
 * <p>Threads of this JVM: none (the server's readiness is polled at start).
 */
public final class SimulatedFleet implements AutoCloseable {
    private static final Pattern READY_LINE =
            Pattern.compile(FleetServer.READY + " ssh=(\\d+) refuse=(\\d+) hang=(\\d+)");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final OutputStream stdin;
    private final Path dir;
    private final FleetHosts hosts;
    private final Map<String, FleetFault> faults;
    private final int sshPort;
    private final int refusePort;
    private final int hangPort;

    private SimulatedFleet(Process process, Path dir, FleetHosts hosts, Map<String, FleetFault> faults, int[] ports) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.dir = dir;
        this.hosts = hosts;
        this.faults = faults;
        this.sshPort = ports[0];
        this.refusePort = ports[1];
        this.hangPort = ports[2];
    }

    /** Starts the server JVM and waits until it listens ({@link SimulatedFleetOptions#startTimeout()}). */
    public static SimulatedFleet start(SimulatedFleetOptions options) throws IOException {
        Path dir = Files.createTempDirectory("econtext-fleet-");
        Process p = null;
        try {
            Map<String, FleetFault> faults = options.assignedFaults();
            Files.writeString(dir.resolve(FleetServer.FAULTS), FleetHosts.writeFaults(faults));
            Path log = dir.resolve("server.log");
            p = new ProcessBuilder(command(options, dir))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            int[] ports = awaitReady(p, dir, log, options.startTimeout());
            return new SimulatedFleet(p, dir, new FleetHosts(options.hosts()), Map.copyOf(faults), ports);
        } catch (IOException | RuntimeException e) {
            if (p != null) {
                p.destroyForcibly();
            }
            DirectoryTrees.deleteQuietly(dir);
            throw e;
        }
    }

    /**
     * The server's command line: heap 256 MiB + 4 MiB per host (each context defines its own runtime classes, ~1.7 MiB
     * of RSS a host measured); C1 only, since every context's classes are its own and get compiled again for each
     * (a third less server CPU per boot at 200 hosts).
     */
    private static List<String> command(SimulatedFleetOptions options, Path dir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + (256 + 4L * options.hosts()) + "m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:-UsePerfData");
        cmd.addAll(options.jvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FleetServer.class.getName());
        cmd.add(dir.toString());
        cmd.add(Integer.toString(options.hosts()));
        return cmd;
    }

    private static int[] awaitReady(Process p, Path dir, Path log, Duration timeout) throws IOException {
        Path ready = dir.resolve(FleetServer.READY_FILE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(ready)) {
            if (!p.isAlive()) {
                throw new IOException("the simulated fleet's server JVM exited with status " + p.exitValue()
                        + " before it listened; its output:\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the simulated fleet's server JVM did not listen within " + timeout
                        + "; its output:\n" + tail(log));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the simulated fleet started", e);
            }
        }
        String line = Files.readString(ready, StandardCharsets.US_ASCII).trim();
        Matcher m = READY_LINE.matcher(line);
        if (!m.matches()) {
            throw new IOException("the simulated fleet's server said '" + line + "' (expected: " + READY_LINE + ")");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Always 127.0.0.1. */
    public String host() {
        return "127.0.0.1";
    }

    /** The SSH port every host without a connection fault is served on. */
    public int port() {
        return sshPort;
    }

    /**
     * The port that reaches {@code host}: {@link #port()}, or, for the faults {@code refuse} and {@code hang}, a port
     * that refuses connections or one that accepts them and stays silent.
     */
    public int port(String host) {
        requireHost(host);
        FleetFault f = faults.get(host);
        if (f != null && f.kind() == FleetFault.Kind.REFUSE) {
            return refusePort;
        }
        if (f != null && f.kind() == FleetFault.Kind.HANG) {
            return hangPort;
        }
        return sshPort;
    }

    /** The client key every host accepts (but those with fault {@code bad-auth}); OpenSSH format, mode 600. */
    public Path clientKeyFile() {
        return dir.resolve(FleetServer.CLIENT_KEY);
    }

    /** The server's host key for {@code [127.0.0.1]:PORT} of each of its ports. */
    public Path knownHostsFile() {
        return dir.resolve(FleetServer.KNOWN_HOSTS);
    }

    /** {@code host-0001} ... in order. */
    public List<String> hostNames() {
        return hosts;
    }

    /** The hosts with no fault. */
    public List<String> healthyHosts() {
        return hosts.stream().filter(h -> !faults.containsKey(h)).toList();
    }

    /** {@code host}'s fault, if it has one. */
    public Optional<FleetFault> fault(String host) {
        requireHost(host);
        return Optional.ofNullable(faults.get(host));
    }

    /** Every host's fault. */
    public Map<String, FleetFault> faults() {
        return faults;
    }

    /**
     * How to reach {@code host} with the system's OpenSSH client: {@code Ssh.to("127.0.0.1").port(port(host))
     * .user(host).identityFile(clientKeyFile()).knownHostsFile(knownHostsFile()).name(host)}.
     */
    public SshSpec spec(String host) {
        return Ssh.to(host())
                .port(port(host))
                .user(host)
                .identityFile(clientKeyFile().toString())
                .knownHostsFile(knownHostsFile().toString())
                .name(host);
    }

    /** {@link #spec(String)} of every host, in order. */
    public List<SshSpec> specs() {
        return hosts.stream().map(this::spec).toList();
    }

    /** {@link #spec(String)} of every host, booted by {@code client}. */
    public List<SshSpec> specs(SshClientKind client) {
        return hosts.stream().map(h -> spec(h).client(client)).toList();
    }

    /** The server JVM's process id. */
    public long pid() {
        return process.pid();
    }

    /** Stops the server JVM (its stdin ends; killed after 10 s) with every session and context, and deletes its files. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // it is gone already
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            DirectoryTrees.deleteQuietly(dir);
        }
    }

    @Override
    public String toString() {
        return "SimulatedFleet[" + hosts.size() + " hosts @ 127.0.0.1:" + sshPort + ", pid " + pid() + "]";
    }

    private void requireHost(String host) {
        if (!hosts.contains(host)) {
            throw new IllegalArgumentException("host : '" + host + "' (expected: one of " + hosts.get(0) + " ... "
                    + hosts.get(hosts.size() - 1) + ")");
        }
    }
}
