package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import io.econtext.transport.local.LocalSpec;
import java.io.OutputStream;

/**
 * The master that row 9 kills: boots a 3-hop local chain, prints {@code PIDS a b c}, then waits to be killed. If its
 * stdin ends first (the bench itself died), it shuts the chain down and exits.
 *
 * <p>Usage: {@code java -cp CLASSPATH io.econtext.bench.OrphanMaster [JAVA]}
 */
public final class OrphanMaster {
    /** Starts the line that carries the pids. */
    static final String PIDS = "PIDS";

    private OrphanMaster() {}

    public static void main(String[] args) throws Exception {
        Quiet.logging();
        LocalSpec spec = Local.spec().javaPath(args.length > 0 ? args[0] : "java");
        Router router = Econtext.newRouter();
        Context a = router.connect(spec);
        Context b = router.connect(spec.via(a));
        Context c = router.connect(spec.via(b));
        c.call(Probe::one);
        System.out.println(PIDS + " " + a.info().pid() + " " + b.info().pid() + " "
                + c.info().pid());
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
        router.close();
        System.exit(0);
    }
}
