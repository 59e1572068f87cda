package io.econtext.cli;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options that describe a chain of contexts, shared by every command that boots one: {@code --via} (repeatable,
 * each hop booted by the previous one), {@code --java} and {@code --connect-timeout} (for every hop).
 *
 * <pre>{@code
 * @Command(name = "mine")
 * class MineCommand implements Callable<Integer> {
 *   @Mixin HopOptions hops;
 *
 *   public Integer call() {
 *     try (Router router = Econtext.newRouter()) {
 *       List<Context> chain = hops.connect(router);
 *       ...
 *     }
 *   }
 * }
 * }</pre>
 */
public final class HopOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(
            names = "--via",
            paramLabel = "SPEC",
            converter = ViaConverter.class,
            description = "A hop of the chain, booted by the previous one (repeatable; default: one local hop). "
                    + "SPEC is one of: local, ssh:[user@]host[:port], sudo[:user] (default user: root).")
    private List<ViaSpec> via = new ArrayList<>();

    private String javaPath;
    private Duration connectTimeout;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Options of ssh hops:%n")
    private SshHopOptions ssh = new SshHopOptions();

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Options of sudo hops:%n")
    private SudoHopOptions sudo = new SudoHopOptions();

    @Option(
            names = "--java",
            paramLabel = "PATH",
            description = "The java to run on every hop (default: the first java on the hop's PATH).")
    void setJavaPath(String path) {
        if (path.isBlank()) {
            throw new ParameterException(mixee.commandLine(), "--java: empty path (expected: a path or command name)");
        }
        this.javaPath = path;
    }

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            description = "Bound on booting each hop, in seconds (default: 30).")
    void setConnectTimeout(String seconds) {
        this.connectTimeout = Seconds.parse("--connect-timeout", seconds, mixee.commandLine());
    }

    /** True when {@code --via} was given. */
    public boolean viaGiven() {
        return !via.isEmpty();
    }

    /** The hops in order; one {@code local} hop when no {@code --via} was given. */
    public List<ViaSpec> hops() {
        return via.isEmpty() ? List.of(ViaSpec.LOCAL) : List.copyOf(via);
    }

    /** The spec of hop {@code index} (0-based), booted by {@code previous} ({@code null} for the first hop). */
    public ConnectionSpec spec(int index, Context previous) {
        ConnectionSpec spec = hops().get(index).toConnectionSpec(previous, javaPath, connectTimeout);
        if (spec instanceof io.econtext.transport.ssh.SshSpec sshSpec) {
            return ssh.apply(sshSpec, message -> new ParameterException(mixee.commandLine(), message));
        }
        if (spec instanceof io.econtext.transport.sudo.SudoSpec sudoSpec) {
            return sudo.apply(sudoSpec, message -> new ParameterException(mixee.commandLine(), message));
        }
        return spec;
    }

    /**
     * The spec of an inventory host: an ssh hop to its destination with this command's ssh, {@code --java} and {@code
     * --connect-timeout} options, named after the host, booted by {@code via} ({@code null}: by this JVM).
     */
    public io.econtext.transport.ssh.SshSpec hostSpec(io.econtext.fleet.InventoryHost host, Context via) {
        ConnectionSpec spec =
                ViaSpec.parse("ssh:" + host.destination()).toConnectionSpec(via, javaPath, connectTimeout);
        io.econtext.transport.ssh.SshSpec sshSpec = ((io.econtext.transport.ssh.SshSpec) spec).name(contextName(host));
        sshSpec = ssh.applyToHost(sshSpec, message -> new ParameterException(mixee.commandLine(), message));
        if (host.jump() != null) {
            try {
                sshSpec = sshSpec.proxyJump(host.jump());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        mixee.commandLine(), "--hosts: jump of " + host.name() + ": " + e.getMessage());
            }
        }
        return sshSpec;
    }

    /**
     * The spec of a gateway ({@code via=} of an inventory): an ssh hop to {@code destination} with this command's
     * ssh, {@code --java} and {@code --connect-timeout} options, booted by {@code via} ({@code null}: by this JVM).
     */
    public io.econtext.transport.ssh.SshSpec gatewaySpec(String destination, Context via) {
        ConnectionSpec spec = ViaSpec.parse("ssh:" + destination).toConnectionSpec(via, javaPath, connectTimeout);
        return ssh.apply(
                (io.econtext.transport.ssh.SshSpec) spec,
                message -> new ParameterException(mixee.commandLine(), message));
    }

    /** The host's name as a context name: no brackets, at most 64 characters. */
    static String contextName(io.econtext.fleet.InventoryHost host) {
        String name = host.name().replace("[", "").replace("]", "");
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    /** Boots every hop, each through the previous one, and returns them in order. */
    public List<Context> connect(Router router) {
        List<Context> chain = new ArrayList<>();
        Context previous = null;
        for (int i = 0; i < hops().size(); i++) {
            previous = router.connect(spec(i, previous));
            chain.add(previous);
        }
        return chain;
    }

    /** {@code --java}, or {@code null} when not given. */
    public String javaPath() {
        return javaPath;
    }

    /** {@code --connect-timeout}, or {@code null} when not given. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Turns a {@code --via} value into a {@link ViaSpec}; a bad one is a usage error. */
    static final class ViaConverter implements ITypeConverter<ViaSpec> {
        @Override
        public ViaSpec convert(String value) {
            try {
                return ViaSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
