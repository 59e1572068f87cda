package io.econtext.core;

import io.econtext.EcontextException;
import java.util.List;

/**
 * The transports bound for the master ({@link Transports#bind}) cannot all be used: thrown by {@link
 * Econtext#newRouter} before any context boots, with every problem numbered, e.g.
 *
 * <pre>
 * transports cannot be registered:
 * 1) scheme 'ssh' is bound 2 times: com.example.MySshTransport, io.econtext.transport.ssh.SshTransport (remove all
 *    but one of the modules that bind them)
 * </pre>
 */
public final class TransportRegistrationException extends EcontextException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public TransportRegistrationException(List<String> problems) {
        super(compose(problems));
        this.problems = List.copyOf(problems);
    }

    private static String compose(List<String> problems) {
        StringBuilder b = new StringBuilder("transports cannot be registered:");
        for (int i = 0; i < problems.size(); i++) {
            b.append('\n').append(i + 1).append(") ").append(problems.get(i));
        }
        return b.toString();
    }

    /** Each problem, as numbered in the message. */
    public List<String> problems() {
        return problems;
    }
}
