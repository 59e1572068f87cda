package io.econtext.testkit.junit;

import io.econtext.ConnectionSpec;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the spec of a context that a {@link ContextAnnotation context annotation} {@code A} asks for. Runs on JUnit's
 * thread, once per annotated parameter or field, before the context is booted.
 *
 * @param <A> the annotation it reads
 */
public interface ContextSpecFactory<A extends Annotation> {
    /**
     * The spec to boot.
     *
     * @param annotation the annotation on the parameter or field
     * @param test the test's extension context: its root store keeps what several tests share (a server, say), and
     *     closes what is {@link AutoCloseable} there when the run ends
     */
    ConnectionSpec spec(A annotation, ExtensionContext test);
}
