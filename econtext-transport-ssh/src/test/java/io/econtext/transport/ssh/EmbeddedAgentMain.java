package io.econtext.transport.ssh;

import io.econtext.Router;
import io.econtext.core.Econtext;

/**
 * A master in its own JVM, whose environment the agent test sets ({@code SSH_AUTH_SOCK}): boots one hop over the
 * embedded client with no identity file ({@code args = host port user knownHosts}) and prints {@code USER name}, or
 * {@code FAILED ExceptionClass} when the boot failed.
 */
public final class EmbeddedAgentMain {
    private EmbeddedAgentMain() {}

    public static void main(String[] args) {
        SshSpec spec = Ssh.to(args[0])
                .port(Integer.parseInt(args[1]))
                .user(args[2])
                .knownHostsFile(args[3])
                .client(SshClientKind.EMBEDDED);
        try (Router router = Econtext.newRouter()) {
            String user = router.connect(spec).call(() -> System.getProperty("user.name"));
            System.out.println("USER " + user);
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e.getClass().getSimpleName());
        }
        System.out.flush();
    }
}
