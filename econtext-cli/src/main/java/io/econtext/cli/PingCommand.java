package io.econtext.cli;

import io.econtext.Context;
import io.econtext.ContextInfo;
import io.econtext.Router;
import io.econtext.core.Econtext;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code econtext ping}: boots the chain and prints one row per hop with who and where it is, how long its boot took
 * and the median round trip of a trivial call to it.
 *
 * <pre>
 * $ econtext ping --via local --via local
 * hop  name     pid    user@host  java     boot ms  rtt us
 *   1  local-1  41211  me@box     17.0.15      212    31.5
 *   2  local-2  41240  me@box     17.0.15      198    58.0
 * </pre>
 */
@Command(
        name = "ping",
        description = "Boot the chain and print, per hop, its name, pid, user@host, java, boot time and the median "
                + "round trip of a trivial call (after a warm-up of at most 500 ms).")
public final class PingCommand implements Callable<Integer> {
    /**
     * Untimed calls before measuring, so that class loading and the JIT do not count: at least the first number, then
     * more until the second number or the time budget is reached.
     */
    static final int MIN_WARMUP_CALLS = 10;

    static final int MAX_WARMUP_CALLS = 20_000;
    static final long WARMUP_BUDGET_NANOS = 500_000_000;
    /** Timed calls per hop; the row shows their median. */
    static final int TIMED_CALLS = 200;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HopOptions hops;

    @Override
    public Integer call() {
        Table table = new Table(
                List.of("hop", "name", "pid", "user@host", "java", "boot ms", "rtt us"),
                List.of(true, false, true, false, false, true, true));
        PrintWriter out = spec.commandLine().getOut();
        try (Router router = Econtext.newRouter()) {
            Context previous = null;
            for (int i = 0; i < hops.hops().size(); i++) {
                Context hop = router.connect(hops.spec(i, previous));
                table.add(row(i + 1, hop));
                previous = hop;
            }
        } finally {
            // The hops that answered are worth showing also when a later one failed to boot.
            if (!table.isEmpty()) {
                table.print(out);
            }
        }
        return 0;
    }

    private static List<String> row(int number, Context hop) {
        ContextInfo info = hop.info();
        return List.of(
                Integer.toString(number),
                info.name(),
                Long.toString(info.pid()),
                info.user() + "@" + info.host(),
                info.javaVersion(),
                Long.toString(info.bootMillis()),
                String.format(Locale.ROOT, "%.1f", medianRoundTripNanos(hop) / 1000.0));
    }

    /**
     * Median round trip, after a warm-up, of a call that does next to nothing there ({@code System.nanoTime}: a JDK
     * method, so no class is shipped).
     */
    static long medianRoundTripNanos(Context hop) {
        long warmupStart = System.nanoTime();
        for (int i = 0; i < MAX_WARMUP_CALLS; i++) {
            hop.call(System::nanoTime);
            if (i >= MIN_WARMUP_CALLS && System.nanoTime() - warmupStart > WARMUP_BUDGET_NANOS) {
                break;
            }
        }
        long[] nanos = new long[TIMED_CALLS];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            hop.call(System::nanoTime);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2];
    }
}
