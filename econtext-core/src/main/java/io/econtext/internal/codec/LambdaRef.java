package io.econtext.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A decoded serializable lambda or method reference: the identity of its implementation method plus its captured
 * values. The router turns it back into a function once the classes are available. Class names are binary names
 * ({@code com.acme.Probes}, not {@code com/acme/Probes}); method signatures are JVM descriptors.
 *
 * @param capturingClass the class whose code created the lambda
 * @param implClass the class declaring the implementation method
 * @param implMethodName e.g. {@code hostname} or {@code lambda$main$0}
 * @param implMethodSignature descriptor of the implementation method, e.g. {@code (II)Ljava/lang/Integer;}
 * @param implMethodKind a {@link java.lang.invoke.MethodHandleInfo} {@code REF_*} kind
 * @param instantiatedMethodType descriptor of the functional method as instantiated, e.g. {@code ()Ljava/lang/Object;}
 * @param capturedArgs the captured values in order, already decoded; unmodifiable, may hold {@code null}
 */
public record LambdaRef(
        String capturingClass,
        String implClass,
        String implMethodName,
        String implMethodSignature,
        int implMethodKind,
        String instantiatedMethodType,
        List<Object> capturedArgs) {

    public LambdaRef {
        capturedArgs = Collections.unmodifiableList(new ArrayList<>(capturedArgs));
    }
}
