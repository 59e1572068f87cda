package io.econtext.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code Context} parameter or field of an {@link EcontextTest} that gets a real child JVM booted over ssh: the
 * system's {@code ssh} client logs in to the testkit's {@link io.econtext.testkit.sshd.EmbeddedSshServer} (one per test
 * run, started on first use) with the server's generated key and known_hosts file. The child runs on this machine as
 * this JVM's user (the login name, {@code ectestembedded}, is only checked by the server).
 *
 * <pre>{@code
 * @EcontextTest
 * class OverSshTest {
 *     @Test
 *     void bootsOverSsh(@EmbeddedSshContext Context c) {
 *         assertThat(c.call(() -> System.getProperty("econtext.name"))).isEqualTo(c.name());
 *     }
 * }
 * }</pre>
 *
 * <p>Needs {@code econtext-transport-ssh} on the test class path (the testkit does not depend on it: the extension
 * builds its {@code SshSpec} by reflection) and an OpenSSH client as {@code ssh} on the {@code PATH}; without the
 * transport the parameter fails to resolve with a message that says so.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface EmbeddedSshContext {
    /** The context's name; empty lets the router choose ({@code ssh-N}). */
    String name() default "";
}
