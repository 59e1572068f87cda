package io.econtext.cli;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.transport.local.Local;
import io.econtext.transport.local.LocalSpec;
import io.econtext.transport.ssh.Ssh;
import io.econtext.transport.ssh.SshSpec;
import io.econtext.transport.sudo.Sudo;
import io.econtext.transport.sudo.SudoSpec;
import java.time.Duration;
import java.util.List;

/**
 * One hop of a chain as written on the command line: {@code SCHEME[:ARGUMENT]}: {@code local} (a child JVM on the
 * machine of the previous hop), {@code ssh:[user@]host[:port]} (through the system's OpenSSH client, from the
 * previous hop) or {@code sudo[:user]} (another user on the previous hop's machine; root by default).
 *
 * <pre>{@code
 * ViaSpec hop = ViaSpec.parse("local");
 * Context c = router.connect(hop.toConnectionSpec(null, null, null));
 * Context d = router.connect(hop.toConnectionSpec(c, null, Duration.ofSeconds(10)));   // booted by c
 * }</pre>
 *
 * @param text the spec as the user wrote it
 * @param scheme the part before the first {@code :}, which selects the transport
 * @param argument the part after the first {@code :}, or {@code null} when there is no {@code :}
 */
public record ViaSpec(String text, String scheme, String argument) {
    /** The schemes {@link #parse} accepts, in the order help texts list them. */
    public static final List<String> SCHEMES = List.of(Local.SCHEME, "ssh", Sudo.SCHEME);

    /** The hop used when no {@code --via} is given. */
    public static final ViaSpec LOCAL = parse(Local.SCHEME);

    /**
     * Parses {@code text}; throws {@link IllegalArgumentException} with a message that names the spec and, for an
     * unknown scheme, the known ones.
     */
    public static ViaSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty spec (expected: SCHEME[:ARGUMENT], one of " + SCHEMES + ")");
        }
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? text : text.substring(0, colon);
        String argument = colon < 0 ? null : text.substring(colon + 1);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("unknown scheme '" + scheme + "' in '" + text + "' (known schemes: "
                    + String.join(", ", SCHEMES) + ")");
        }
        if (Local.SCHEME.equals(scheme) && argument != null) {
            throw new IllegalArgumentException("'" + text + "': local takes no argument (expected: local)");
        }
        if ("ssh".equals(scheme)) {
            if (argument == null || argument.isBlank()) {
                throw new IllegalArgumentException(
                        "'" + text + "': ssh needs a destination (expected:" + " ssh:[user@]host[:port])");
            }
            Ssh.parse(argument); // validates now, so a bad destination is a usage error
        }
        if (Sudo.SCHEME.equals(scheme)) {
            try {
                sudoSpec(argument);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "': " + e.getMessage() + " (expected: sudo[:user])");
            }
        }
        return new ViaSpec(text, scheme, argument);
    }

    /**
     * The connection spec of this hop.
     *
     * @param via the context that boots it, or {@code null} for this JVM
     * @param javaPath the {@code java} to run there, or {@code null} for the transport's default
     * @param connectTimeout bound on the boot, or {@code null} for the transport's default
     */
    public ConnectionSpec toConnectionSpec(Context via, String javaPath, Duration connectTimeout) {
        if ("ssh".equals(scheme)) {
            SshSpec ssh = Ssh.parse(argument).via(via);
            if (javaPath != null) {
                ssh = ssh.javaPath(javaPath);
            }
            if (connectTimeout != null) {
                ssh = ssh.connectTimeout(connectTimeout);
            }
            return ssh;
        }
        if (Sudo.SCHEME.equals(scheme)) {
            SudoSpec sudo = sudoSpec(argument).via(via);
            if (javaPath != null) {
                sudo = sudo.javaPath(javaPath);
            }
            if (connectTimeout != null) {
                sudo = sudo.connectTimeout(connectTimeout);
            }
            return sudo;
        }
        LocalSpec spec = Local.spec().via(via);
        if (javaPath != null) {
            spec = spec.javaPath(javaPath);
        }
        if (connectTimeout != null) {
            spec = spec.connectTimeout(connectTimeout);
        }
        return spec;
    }

    /** {@code sudo} and {@code sudo:} become root. */
    private static SudoSpec sudoSpec(String user) {
        return user == null || user.isEmpty() ? Sudo.root() : Sudo.user(user);
    }

    @Override
    public String toString() {
        return text;
    }
}
