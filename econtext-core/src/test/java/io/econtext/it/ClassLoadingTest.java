package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.Context;
import io.econtext.RemoteCallException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.transport.local.Local;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** User classes and resources reach a child from the master on demand: nothing is on the child's class path. */
@Timeout(60)
class ClassLoadingTest {
    @Test
    void loadsAUserClassAbsentFromTheChildsClassPath() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());

            String classPath = c.call(() -> System.getProperty("java.class.path"));
            String greeting = c.call(() -> new ShippedGreeting("child").greet());
            boolean onSystemLoader =
                    c.call(() -> ShippedGreeting.class.getClassLoader() == ClassLoader.getSystemClassLoader());

            assertThat(classPath.split(File.pathSeparator))
                    .as("the child's class path holds only its descriptor of the (deleted) first-stage jar")
                    .hasSize(1)
                    .noneMatch(entry -> entry.contains("test-classes") || entry.endsWith(".jar"));
            assertThat(greeting).isEqualTo("hello child from " + ShippedGreeting.class.getName());
            assertThat(onSystemLoader).isFalse();
        }
    }

    @Test
    void readsAResourceOfAShippedClassInTheChild() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());

            String text = c.call(() -> new ShippedGreeting("x").resourceText());

            assertThat(text).isEqualTo("a resource only the master has");
        }
    }

    @Test
    void answersANameLongerThanAnyNameAsMissingAndKeepsServing() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());
            String huge = "x".repeat(200_000);

            Boolean missing =
                    c.call(() -> ShippedGreeting.class.getClassLoader().getResource(huge) == null);
            String greeting = c.call(() -> new ShippedGreeting("after").greet());

            assertThat(missing).isTrue();
            assertThat(greeting).startsWith("hello after");
        }
    }

    @Test
    void answersAMissingResourceWithNull() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());

            Boolean missing = c.call(() -> ShippedGreeting.class.getResource("/no-such-resource.txt") == null);

            assertThat(missing).isTrue();
        }
    }

    @Test
    void loadsUserClassesThroughAnIntermediateContext() {
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(Local.spec());
            Context b = router.connect(Local.spec().via(a));

            List<String> got = b.call(
                    () -> List.of(new ShippedGreeting("grandchild").greet(), new ShippedGreeting("y").resourceText()));

            assertThat(got)
                    .containsExactly(
                            "hello grandchild from " + ShippedGreeting.class.getName(),
                            "a resource only the master has");
        }
    }

    @Test
    void anAllowListStillServesTheRuntimeThatChildrenLoadOnFirstUse() {
        RouterOptions onlyTests = RouterOptions.defaults().withClassAllow(List.of("io.econtext.it."));
        try (Router router = Econtext.newRouter(onlyTests)) {
            Context a = router.connect(Local.spec());
            Context b = router.connect(Local.spec().via(a));
            assertThat(b.call(() -> new ShippedGreeting("b").greet())).contains(ShippedGreeting.class.getName());
        }
    }

    @Test
    void aDenyListKeepsAClassFromChildren() {
        RouterOptions denied = RouterOptions.defaults().withClassDeny(List.of(ShippedGreeting.class.getName()));
        try (Router router = Econtext.newRouter(denied)) {
            Context a = router.connect(Local.spec());
            assertThatThrownBy(() -> a.call(() -> new ShippedGreeting("a").greet()))
                    .isInstanceOf(RemoteCallException.class)
                    .hasMessageContaining("NoClassDefFoundError")
                    .hasMessageContaining(ShippedGreeting.class.getSimpleName());
        }
    }
}
