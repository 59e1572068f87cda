package io.econtext.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an annotation a context annotation of {@link EcontextTest}: a {@code Context} parameter or field annotated with
 * it gets a context of its own, booted through the test's router with the spec that {@link #value()} makes from the
 * annotation, and shut down after the test. {@link LocalContext} and {@link FakeContext} are made this way, and so is
 * econtext-testkit-ssh's {@code @EmbeddedSshContext}; a transport or an application adds its own:
 *
 * <pre>{@code
 * @ContextAnnotation(NiceContext.Specs.class)
 * @Retention(RetentionPolicy.RUNTIME)
 * @Target({ElementType.PARAMETER, ElementType.FIELD})
 * public @interface NiceContext {
 *     int niceness() default 10;
 *
 *     final class Specs implements ContextSpecFactory<NiceContext> {
 *         public ConnectionSpec spec(NiceContext annotation, ExtensionContext test) {
 *             return Nice.spec().niceness(annotation.niceness());
 *         }
 *     }
 * }
 * }</pre>
 *
 * A parameter or field may carry one context annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface ContextAnnotation {
    /** Makes the spec; a new instance (of its no-argument constructor) for each context. */
    Class<? extends ContextSpecFactory<?>> value();
}
