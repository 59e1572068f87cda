package io.econtext.testkit.junit;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.testkit.OutputCapture;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The extension behind {@link EcontextTest}; register it with that annotation, or with {@code
 * @ExtendWith(EcontextExtension.class)}.
 *
 * <pre>{@code
 * @ExtendWith(EcontextExtension.class)
 * class PingTest {
 *     @Test
 *     void answers(@LocalContext Context c, Router router) {
 *         assertThat(c.router()).isSameAs(router);
 *     }
 * }
 * }</pre>
 *
 * <p>Per test, in this order:
 *
 * <ol>
 *   <li>before the {@code @BeforeEach} methods: a snapshot of this JVM's descendant processes, then the annotated
 *       {@code Context} fields of the test instance are booted and set;
 *   <li>parameters are resolved as they are asked for: a {@link Router} (one per test, made on first use; every
 *       context of the test is booted through it), an {@link OutputCapture} (the router's output: lines are also
 *       logged under {@code econtext.ctx.NAME}), and each {@code Context} with a {@link ContextAnnotation context
 *       annotation} ({@link LocalContext}, {@link FakeContext}, econtext-testkit-ssh's {@code EmbeddedSshContext},
 *       your own) a new context;
 *   <li>after the {@code @AfterEach} methods: the router is closed, which shuts every context of the test down;
 *   <li>the leak check: processes started since the snapshot get {@link #DEFAULT_LEAK_BOUND} (or {@link
 *       #LEAK_BOUND_PARAMETER}) to end. Any still running fail
 *       the test with {@code the test leaked: ...} and one line per process (pid and command line), and are then
 *       killed with their descendants, so that the next test starts clean. A router the test made itself and did not
 *       close leaves its children running, and fails the test this way.
 * </ol>
 *
 * <p>Limits: the leak check sees only this JVM's descendants (not processes on other hosts, nor daemons that detached
 * from their parent), and it assumes that the tests of one JVM run one at a time: under JUnit's parallel execution it
 * would blame a test for another's processes. Processes started before the test ({@code @BeforeAll} fixtures) are
 * never counted.
 *
 * <p>Threads: the callbacks run on JUnit's thread; the after-test step blocks for up to the leak bound and a few
 * seconds more when it kills.
 */
public final class EcontextExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** How long processes started by a test may take to end after its router was closed, unless configured. */
    public static final Duration DEFAULT_LEAK_BOUND = Duration.ofSeconds(5);

    /**
     * The configuration parameter that sets the leak bound, in milliseconds: a JUnit configuration parameter, e.g.
     * {@code econtext.testkit.leakBoundMillis=10000} in {@code junit-platform.properties}, or a system property.
     */
    public static final String LEAK_BOUND_PARAMETER = "econtext.testkit.leakBoundMillis";

    private static final Namespace NAMESPACE = Namespace.create(EcontextExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        TestScope scope = new TestScope(ProcessLeaks.snapshot());
        context.getStore(NAMESPACE).put(TestScope.class, scope);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(context, scope, instance);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TestScope scope = context.getStore(NAMESPACE).remove(TestScope.class, TestScope.class);
        if (scope == null) {
            return;
        }
        RuntimeException closeFailure = null;
        try {
            scope.close();
        } catch (RuntimeException e) {
            closeFailure = e;
        }
        Duration bound = leakBound(context);
        List<ProcessHandle> leaked = scope.leaks().survivorsAfter(bound);
        if (!leaked.isEmpty()) {
            String description = ProcessLeaks.describe(leaked);
            ProcessLeaks.kill(leaked);
            AssertionError error = new AssertionError("the test leaked: " + leaked.size()
                    + (leaked.size() == 1 ? " process" : " processes") + " still running "
                    + bound.toMillis() + " ms after its routers were closed (now killed):\n"
                    + description
                    + "\nClose every Router the test makes (try-with-resources), or let @EcontextTest inject one.");
            if (closeFailure != null) {
                error.addSuppressed(closeFailure);
            }
            throw error;
        }
        if (closeFailure != null) {
            throw closeFailure;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Router.class
                || type == OutputCapture.class
                || type == Context.class && ContextAnnotations.find(parameter.getParameter()) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestScope scope = context.getStore(NAMESPACE).get(TestScope.class, TestScope.class);
        if (scope == null) {
            throw new ParameterResolutionException("@EcontextTest resolves "
                    + parameter.getParameter().getType().getSimpleName()
                    + " parameters of test methods and of @BeforeEach and @AfterEach methods only,"
                    + " not of " + parameter.getDeclaringExecutable());
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == Router.class) {
            return scope.router();
        }
        if (type == OutputCapture.class) {
            return scope.output();
        }
        try {
            return boot(context, scope, parameter.getParameter());
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(
                    "could not boot the context of parameter " + parameter.getIndex() + " of "
                            + parameter.getDeclaringExecutable() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static Duration leakBound(ExtensionContext context) {
        String value = context.getConfigurationParameter(LEAK_BOUND_PARAMETER).orElse(null);
        if (value == null) {
            return DEFAULT_LEAK_BOUND;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis >= 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ExtensionConfigurationException(
                LEAK_BOUND_PARAMETER + " : '" + value + "' (expected: a whole number of milliseconds, >= 0)");
    }

    private static void injectFields(ExtensionContext context, TestScope scope, Object instance) {
        List<Field> fields = ReflectionSupport.findFields(
                instance.getClass(), f -> ContextAnnotations.find(f) != null, HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (Modifier.isStatic(field.getModifiers()) || field.getType() != Context.class) {
                throw new ExtensionConfigurationException("field " + field + " : (expected: a non-static Context field;"
                        + " the contexts of @EcontextTest live for one test)");
            }
            Context booted = boot(context, scope, field);
            try {
                field.setAccessible(true);
                field.set(instance, booted);
            } catch (IllegalAccessException e) {
                throw new ExtensionConfigurationException("cannot set field " + field, e);
            }
        }
    }

    private static Context boot(ExtensionContext context, TestScope scope, AnnotatedElement element) {
        Annotation annotation = ContextAnnotations.find(element);
        return scope.router().connect(ContextAnnotations.spec(annotation, context));
    }
}
