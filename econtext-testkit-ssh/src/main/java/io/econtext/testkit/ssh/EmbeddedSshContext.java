package io.econtext.testkit.ssh;

import io.econtext.testkit.junit.ContextAnnotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code Context} parameter or field of an {@link io.econtext.testkit.junit.EcontextTest} that gets a real child JVM
 * booted over ssh: the system's {@code ssh} client logs in to the testkit's
 * {@link io.econtext.testkit.sshd.EmbeddedSshServer} (one per test run, started on first use) with the server's
 * generated key and known_hosts file. The child runs on this machine as this JVM's user (the login name,
 * {@code ectestembedded}, is only checked by the server).
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
 * <p>Needs an OpenSSH client as {@code ssh} on the {@code PATH}. The spec is {@link EmbeddedSshSpecs#to}'s.
 */
@Documented
@ContextAnnotation(EmbeddedSshSpecs.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface EmbeddedSshContext {
    /** The context's name; empty lets the router choose ({@code ssh-N}). */
    String name() default "";
}
