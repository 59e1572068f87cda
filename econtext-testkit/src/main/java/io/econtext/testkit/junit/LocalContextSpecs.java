package io.econtext.testkit.junit;

import io.econtext.ConnectionSpec;
import io.econtext.transport.local.Local;
import io.econtext.transport.local.LocalSpec;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@code Local.spec()}, named as {@link LocalContext#name()} says. */
final class LocalContextSpecs implements ContextSpecFactory<LocalContext> {
    @Override
    public ConnectionSpec spec(LocalContext annotation, ExtensionContext test) {
        LocalSpec spec = Local.spec();
        return annotation.name().isEmpty() ? spec : spec.name(annotation.name());
    }
}
