package io.econtext.testkit.junit;

import io.econtext.ConnectionSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.ReflectionSupport;

/** Finds the {@link ContextAnnotation context annotation} of a parameter or field, and makes its spec. */
final class ContextAnnotations {
    private ContextAnnotations() {}

    /**
     * The one annotation of {@code element} whose type is a context annotation, or {@code null} when there is none.
     *
     * @throws ExtensionConfigurationException when there are several
     */
    static Annotation find(AnnotatedElement element) {
        Annotation found = null;
        for (Annotation a : element.getAnnotations()) {
            if (!a.annotationType().isAnnotationPresent(ContextAnnotation.class)) {
                continue;
            }
            if (found != null) {
                throw new ExtensionConfigurationException(element + ": @"
                        + found.annotationType().getSimpleName() + " and @"
                        + a.annotationType().getSimpleName()
                        + " (expected: one context annotation: each asks for a context of its own)");
            }
            found = a;
        }
        return found;
    }

    /** The spec that {@code annotation}'s factory makes for it. */
    static ConnectionSpec spec(Annotation annotation, ExtensionContext test) {
        Class<? extends ContextSpecFactory<?>> type = annotation
                .annotationType()
                .getAnnotation(ContextAnnotation.class)
                .value();
        Class<?> reads = annotationRead(type);
        if (reads != null && !reads.isInstance(annotation)) {
            throw new ExtensionConfigurationException(
                    "@" + annotation.annotationType().getSimpleName()
                            + " names " + type.getName() + ", which reads @" + reads.getSimpleName()
                            + " (expected: a ContextSpecFactory<"
                            + annotation.annotationType().getSimpleName() + ">)");
        }
        @SuppressWarnings("unchecked") // checked above, as far as the factory's declaration tells
        ContextSpecFactory<Annotation> factory = (ContextSpecFactory<Annotation>) ReflectionSupport.newInstance(type);
        return factory.spec(annotation, test);
    }

    /** The {@code A} of {@code ContextSpecFactory<A>} as {@code type} declares it, or {@code null} if not a class. */
    private static Class<?> annotationRead(Class<?> type) {
        for (Type t : type.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == ContextSpecFactory.class) {
                return p.getActualTypeArguments()[0] instanceof Class<?> c ? c : null;
            }
        }
        return null;
    }
}
