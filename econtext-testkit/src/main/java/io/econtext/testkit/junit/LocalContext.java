package io.econtext.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code Context} parameter or field of an {@link EcontextTest} that gets a real child JVM on this machine, booted
 * through the test's router with {@code Local.spec()} before the test and shut down after it. Each annotated parameter
 * or field is a context of its own.
 *
 * <pre>{@code
 * @EcontextTest
 * class WorkerTest {
 *     @LocalContext(name = "worker")
 *     Context worker;                                  // a new one for every test
 *
 *     @Test
 *     void runsInAnotherJvm(@LocalContext Context other) {
 *         assertThat(worker.call(() -> ProcessHandle.current().pid())).isNotEqualTo(ProcessHandle.current().pid());
 *     }
 * }
 * }</pre>
 */
@Documented
@ContextAnnotation(LocalContextSpecs.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface LocalContext {
    /** The context's name ({@code Local.spec().name(...)}); empty lets the router choose ({@code local-N}). */
    String name() default "";
}
