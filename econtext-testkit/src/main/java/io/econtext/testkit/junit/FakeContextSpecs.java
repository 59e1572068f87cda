package io.econtext.testkit.junit;

import io.econtext.ConnectionSpec;
import io.econtext.testkit.fake.Fake;
import io.econtext.testkit.fake.FakeSpec;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@code Fake.spec()}, named as {@link FakeContext#name()} says. */
final class FakeContextSpecs implements ContextSpecFactory<FakeContext> {
    @Override
    public ConnectionSpec spec(FakeContext annotation, ExtensionContext test) {
        FakeSpec spec = Fake.spec();
        return annotation.name().isEmpty() ? spec : spec.name(annotation.name());
    }
}
