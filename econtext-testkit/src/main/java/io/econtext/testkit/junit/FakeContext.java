package io.econtext.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code Context} parameter or field of an {@link EcontextTest} that gets an in-JVM fake context ({@link
 * io.econtext.testkit.fake.Fake}): no child process, its own class loader (so its own static state), calls through the
 * real codec and router. Booted through the test's router before the test and shut down after it, like a {@link
 * LocalContext}; each annotated parameter or field is a context of its own.
 *
 * <pre>{@code
 * @EcontextTest
 * class CounterTest {
 *     @Test
 *     void eachContextCountsForItself(@FakeContext Context a, @FakeContext(name = "b") Context b) {
 *         a.call(Counter::increment);
 *         assertThat(b.call(Counter::increment)).isEqualTo(1);
 *     }
 * }
 * }</pre>
 */
@Documented
@ContextAnnotation(FakeContextSpecs.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface FakeContext {
    /** The context's name ({@code Fake.spec().name(...)}); empty lets the router choose ({@code fake-N}). */
    String name() default "";
}
