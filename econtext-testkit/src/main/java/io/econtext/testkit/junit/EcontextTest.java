package io.econtext.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose tests drive contexts: each test may ask for a fresh {@code Router}, an {@code
 * OutputCapture} of that router, and contexts booted through it (real ones: {@link LocalContext}, econtext-testkit-ssh's
 * {@code EmbeddedSshContext}; in-JVM fakes: {@link FakeContext}; your own: {@link ContextAnnotation}), as parameters of
 * the test method (or of {@code @BeforeEach}/{@code @AfterEach} methods), or as annotated fields. After the test everything is closed, and a child process still running 5 s later fails the test.
 *
 * <pre>{@code
 * @EcontextTest
 * class DeployerTest {
 *     @Test
 *     void copiesTheBuildToTheTarget(@LocalContext(name = "target") Context target, OutputCapture output) {
 *         new Deployer(target).deploy(Path.of("build"));
 *         assertThat(target.call(() -> Files.exists(Path.of("/tmp/app")))).isTrue();
 *         EcontextAssertions.assertThat(output).hasStdoutLine(target, "deployed");
 *     }
 *
 *     @Test
 *     void rebootsOwnChildren(Router router) {   // a router of its own: the test boots what it needs
 *         Context a = router.connect(Local.spec());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>See {@link EcontextExtension} for the life cycle, the leak check and its limits (tests of one JVM must not run
 * concurrently).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(EcontextExtension.class)
public @interface EcontextTest {}
