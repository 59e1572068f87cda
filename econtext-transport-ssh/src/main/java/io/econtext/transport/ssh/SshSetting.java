package io.econtext.transport.ssh;

/**
 * A setting of the ssh client that econtext sets itself, from a typed option of {@link SshSpec} (or from how it must
 * run ssh), and that an extra argument may therefore not set: see {@link SshArgumentRefusedException#setting()}.
 */
public enum SshSetting {
    /** {@code BatchMode}: econtext sets it, {@code yes} unless a password is given. */
    BATCH_MODE("password(Secret)"),
    /** {@code StrictHostKeyChecking}. */
    HOST_KEY_POLICY("hostKeyPolicy(HostKeyPolicy)"),
    /** {@code UserKnownHostsFile}. */
    KNOWN_HOSTS_FILE("knownHostsFile(String)"),
    /** {@code Port}, {@code -p}. */
    PORT("port(int)"),
    /** {@code User}, {@code -l}. */
    USER("user(String)"),
    /** {@code ConnectTimeout}, derived from the spec's connect timeout. */
    CONNECT_TIMEOUT("connectTimeout(Duration)"),
    /** {@code ServerAliveInterval}, {@code ServerAliveCountMax}. */
    KEEPALIVE("keepalive(int, int)"),
    /** {@code Compression}. */
    COMPRESSION("compression(boolean)"),
    /** {@code IdentitiesOnly}. */
    IDENTITIES_ONLY("identitiesOnly(boolean)");

    private final String specMethod;

    SshSetting(String specMethod) {
        this.specMethod = specMethod;
    }

    /** The {@link SshSpec} method that sets it, e.g. {@code port(int)}. */
    public String specMethod() {
        return specMethod;
    }
}
