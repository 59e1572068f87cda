package io.econtext.internal.master;

import io.econtext.BootstrapException;
import io.econtext.Context;
import io.econtext.internal.boot.RuntimeImage;
import io.econtext.internal.child.ChildMain;
import io.econtext.internal.loader.RuntimeBundle;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The runtime image the master ships: the first stage plus the runtime classes a child needs to boot and answer
 * calls. The master's own classes (this package and {@code io.econtext.core}, which need Netty and Guice) never go;
 * features most children never use (booting children of their own, transports, SLF4J forwarding) are left out and
 * load on first use through remote class loading, which caches them at every hop. Built once per JVM.
 */
final class MasterImage {
    private static volatile RuntimeImage image;
    private static volatile Set<String> classNames;

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

    /** Binary names of the classes every child already has from its bundle: never worth prefetching to it. */
    static Set<String> classNames() {
        get();
        return classNames;
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
                List.of("io/econtext/"),
                List.of(
                        "io/econtext/internal/master/",
                        "io/econtext/core/",
                        // class serving and bundle building happen on the master only
                        "io/econtext/internal/loader/ClassServer",
                        "io/econtext/internal/loader/ServePolicy",
                        "io/econtext/internal/loader/RuntimeBundle",
                        // streams to asynchronous transports (the master's embedded ssh client)
                        "io/econtext/internal/wire/Async",
                        "io/econtext/internal/router/AsyncInput",
                        // loaded on first use from the master's class path (and cached at every hop): booting
                        // grandchildren, transports, SLF4J forwarding, channels' receiving end
                        "io/econtext/internal/child/ChildBootService",
                        "io/econtext/internal/loader/BundleReader",
                        "io/econtext/internal/boot/Bootstrapper",
                        "io/econtext/internal/boot/BootScript",
                        "io/econtext/internal/boot/BootDiagnosis",
                        "io/econtext/internal/boot/StderrPump",
                        "io/econtext/internal/boot/RuntimeImage",
                        "io/econtext/internal/child/log/",
                        "io/econtext/internal/call/ChannelReceiver",
                        "io/econtext/internal/call/ReceiveWindows",
                        "io/econtext/internal/child/ChildReceivers",
                        // channels' sending end: a child's credit at the receivers it sends to
                        "io/econtext/internal/call/CreditLedger",
                        "io/econtext/internal/call/SendCredit",
                        "io/econtext/internal/boot/ProcessReaper",
                        "io/econtext/internal/boot/TransportClasses",
                        "io/econtext/internal/protocol/BootChild",
                        "io/econtext/internal/protocol/BootAnswer",
                        // values most calls never carry (JDK value types, arrays of objects) and codec failures
                        "io/econtext/internal/codec/JdkValues",
                        "io/econtext/internal/codec/VersionSyntax",
                        "io/econtext/internal/codec/ArrayValues",
                        "io/econtext/internal/codec/CarriedTypes",
                        // lists of strings or records large enough to split between two threads
                        "io/econtext/internal/codec/StringLists",
                        "io/econtext/internal/codec/RecordLists",
                        "io/econtext/internal/codec/SplitHalf",
                        // tests' fault injection
                        "io/econtext/internal/child/ChildFaults",
                        "io/econtext/internal/call/InjectedFaults",
                        // what a context needs only to call its own descendants
                        "io/econtext/internal/call/RemoteContext",
                        "io/econtext/internal/call/ContextCaller",
                        "io/econtext/internal/call/Replies",
                        "io/econtext/internal/codec/LambdaAccess",
                        "io/econtext/transport/",
                        "io/econtext/spi/",
                        "io/econtext/Select",
                        "io/econtext/Receiver",
                        // what only the master reads
                        "io/econtext/ContextStats"));
        byte[] wire = bundle.wireBytes();
        Set<String> names = new HashSet<>();
        for (String entry : bundle.entries().keySet()) {
            if (entry.endsWith(".class")) {
                names.add(entry.substring(0, entry.length() - 6).replace('/', '.'));
            }
        }
        classNames = Set.copyOf(names);
        return new RuntimeImage(stage1, Arrays.copyOfRange(wire, 4, wire.length));
    }
}
