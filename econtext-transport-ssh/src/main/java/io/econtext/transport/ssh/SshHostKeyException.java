package io.econtext.transport.ssh;

import io.econtext.BootstrapException;

/**
 * The server's host key could not be trusted: it is not known yet (with {@link HostKeyPolicy#ENFORCE}), or it differs
 * from the one recorded for the host, which may be an attack. Carries the fingerprint of the key the server
 * presented, so that it can be compared with the one the host's administrator publishes.
 *
 * <pre>{@code
 * try {
 *   ctx = router.connect(spec);
 * } catch (SshHostKeyException e) {
 *   if (e.changed() || !publishedFingerprints.contains(e.fingerprint())) {
 *     throw e;
 *   }
 *   ctx = router.connect(spec.hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW));   // a new host, key checked out of band
 * }
 * }</pre>
 */
public class SshHostKeyException extends BootstrapException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final boolean changed;

    public SshHostKeyException(
            String message, Integer exitStatus, String outputTail, String fingerprint, boolean changed) {
        super(message, exitStatus, outputTail);
        this.fingerprint = fingerprint;
        this.changed = changed;
    }

    /**
     * As rebuilt from the message alone (a failure in an intermediate context): the fingerprint and whether the key
     * changed are read back from the message.
     */
    public SshHostKeyException(String message, Integer exitStatus, String outputTail) {
        this(
                message,
                exitStatus,
                outputTail,
                fingerprintIn(message),
                message != null && message.contains("has CHANGED"));
    }

    private static String fingerprintIn(String message) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("SHA256:[A-Za-z0-9+/=]+").matcher(message == null ? "" : message);
        return m.find() ? m.group() : null;
    }

    /** The presented key's fingerprint, e.g. {@code SHA256:D4Vt...}, or {@code null} when it could not be learned. */
    public String fingerprint() {
        return fingerprint;
    }

    /** True when a different key is recorded for the host; false when none is. */
    public boolean changed() {
        return changed;
    }
}
