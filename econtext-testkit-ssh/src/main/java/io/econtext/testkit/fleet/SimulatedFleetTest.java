package io.econtext.testkit.fleet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the tests of a class (or one test method) a {@link SimulatedFleet}: a parameter of type {@code SimulatedFleet}
 * (of a test, lifecycle method or constructor) gets the fleet, started on first use and stopped when the annotated
 * class (or method) is done. A method's annotation wins over its class's and gets a fleet of its own.
 *
 * <pre>{@code
 * @SimulatedFleetTest(hosts = 200, faultPercent = 10, faultKinds = {"refuse", "frozen"})
 * class DeployToFleetTest {
 *     @Test
 *     void deploysToEveryHealthyHost(SimulatedFleet fleet) {
 *         Report r = new Deployer().deploy(fleet.specs(SshClientKind.EMBEDDED));
 *         assertThat(r.succeeded()).containsExactlyInAnyOrderElementsOf(fleet.healthyHosts());
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(SimulatedFleetExtension.class)
public @interface SimulatedFleetTest {
    /** How many virtual hosts: {@code host-0001} ... */
    int hosts();

    /** Faults of named hosts, {@code "host-0003=refuse"}, {@code "host-0007=die:500"} ({@link FleetFault#parse}). */
    String[] faults() default {};

    /** The share of the other hosts, in percent, that get one of {@link #faultKinds()}. */
    int faultPercent() default 0;

    /** The faults handed out in turn to the randomly picked hosts ({@link FleetFault#parse}'s form). */
    String[] faultKinds() default {};

    /** Picks the faulty hosts. */
    long seed() default 1;
}
