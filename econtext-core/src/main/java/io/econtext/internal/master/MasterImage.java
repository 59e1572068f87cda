package io.econtext.internal.master;

import io.econtext.BootstrapException;
import io.econtext.Context;
import io.econtext.internal.boot.RuntimeImage;
import io.econtext.internal.child.ChildMain;
import io.econtext.internal.loader.RuntimeBundle;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * The runtime image the master ships: the first stage plus every runtime class but the master's own (this package
 * and {@code io.econtext.core}, which need Netty and Guice). Built once per JVM, on first use.
 */
final class MasterImage {
    private static volatile RuntimeImage image;

    private MasterImage() {}

    static RuntimeImage get() {
        RuntimeImage i = image;
        if (i == null) {
            synchronized (MasterImage.class) {
                i = image;
                if (i == null) {
                    i = build();
                    image = i;
                }
            }
        }
        return i;
    }

    private static RuntimeImage build() {
        byte[] stage1;
        try (InputStream in = ChildMain.class.getClassLoader().getResourceAsStream("EcontextStage1.class")) {
            if (in == null) {
                throw new BootstrapException("EcontextStage1.class is missing from econtext-core's jar", null);
            }
            stage1 = in.readAllBytes();
        } catch (IOException e) {
            throw new BootstrapException("cannot read the first stage: " + e.getMessage(), e);
        }
        RuntimeBundle bundle = RuntimeBundle.collect(
                List.of(Context.class, ChildMain.class),
                List.of("io/econtext/", "EcontextStage1.class"),
                List.of(
                        "io/econtext/internal/master/",
                        "io/econtext/core/",
                        // class serving and bundle building happen on the master only
                        "io/econtext/internal/loader/ClassServer",
                        "io/econtext/internal/loader/ClassAnswer",
                        "io/econtext/internal/loader/ServePolicy",
                        "io/econtext/internal/loader/RuntimeBundle"));
        byte[] wire = bundle.wireBytes();
        return new RuntimeImage(stage1, Arrays.copyOfRange(wire, 4, wire.length));
    }
}
