package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.ssh.SshSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@code hosts} contexts booted over one ssh spec from this JVM, in a router of their own, {@code parallel} boots at a
 * time, and what they cost this JVM: the growth of its {@link MasterFootprint} over the one before the router was
 * made, the threads the boot added ({@link FleetThreads}), and the processes it started (an OpenSSH client: one {@code ssh} per host). Only this JVM's children count:
 * an sshd started by this JVM (a test's) has the remote sides of the boots among its descendants.
 */
final class SshFleet {
    private static final long BROADCAST_SECONDS = 60;

    private SshFleet() {}

    /**
     * Boots the fleet, measures it, then {@code warmUps} unmeasured and {@code rounds} measured broadcasts (one call to
     * every context, all in flight at once), and closes it.
     */
    static SshFleetResult run(SshSpec spec, int hosts, int parallel, int warmUps, int rounds) throws Exception {
        MasterFootprint before = MasterFootprint.settled();
        FleetThreads threads = FleetThreads.now();
        Set<Long> earlier = children();
        try (Router router = Econtext.newRouter()) {
            long t0 = System.nanoTime();
            List<Context> contexts = boot(router, spec, hosts, parallel);
            long boot = System.nanoTime() - t0;
            MasterFootprint after = MasterFootprint.settled();
            List<ProcessHandle> started = ProcessHandle.current()
                    .children()
                    .filter(p -> p.isAlive() && !earlier.contains(p.pid()))
                    .toList();
            List<ProcessHandle> ssh = started.stream().filter(SshFleet::isSsh).toList();
            long sshRss = 0;
            for (ProcessHandle p : ssh) {
                sshRss += rssKib(p);
            }
            for (int i = 0; i < warmUps; i++) {
                broadcast(contexts);
            }
            long[] broadcast = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                broadcast[i] = broadcast(contexts);
            }
            return new SshFleetResult(
                    boot,
                    Stats.median(broadcast),
                    after.minus(before),
                    threads.added(),
                    after.threads(),
                    started.size(),
                    ssh.size(),
                    sshRss);
        }
    }

    private static List<Context> boot(Router router, SshSpec spec, int hosts, int parallel) throws Exception {
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "bench-ssh-fleet-" + named.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Context>> boots = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                boots.add(pool.submit(() -> {
                    Context c = router.connect(spec);
                    c.call(Probe::one);
                    return c;
                }));
            }
            // each boot is bounded by the spec's connect timeout; the waves of `parallel` boots by their number
            long bound = spec.connectTimeout().toNanos() * ((hosts + parallel - 1) / parallel)
                    + TimeUnit.SECONDS.toNanos(60);
            long deadline = System.nanoTime() + bound;
            List<Context> contexts = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                try {
                    contexts.add(boots.get(i).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    throw new IllegalStateException(
                            "boot " + (i + 1) + " of " + hosts + " to " + spec.destination() + " failed: "
                                    + e.getCause(),
                            e.getCause());
                } catch (TimeoutException e) {
                    throw new TimeoutException(hosts + " boots to " + spec.destination() + ", " + parallel
                            + " at a time, did not complete within " + TimeUnit.NANOSECONDS.toSeconds(bound) + " s");
                }
            }
            return contexts;
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new TimeoutException("the boot threads did not end within 30 s");
            }
        }
    }

    /** One call to every context, all in flight at once; the nanoseconds until the last answer. */
    private static long broadcast(List<Context> contexts) throws Exception {
        long t0 = System.nanoTime();
        CompletableFuture<?>[] calls = new CompletableFuture<?>[contexts.size()];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = contexts.get(i).callAsync(Probe::one);
        }
        CompletableFuture.allOf(calls).get(BROADCAST_SECONDS, TimeUnit.SECONDS);
        return System.nanoTime() - t0;
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static boolean isSsh(ProcessHandle p) {
        return p.info()
                .command()
                .map(c -> c.equals("ssh") || c.endsWith("/ssh"))
                .orElse(false);
    }

    private static long rssKib(ProcessHandle p) {
        try {
            return ProcStatus.kib(p.pid(), "VmRSS");
        } catch (IOException | IllegalArgumentException e) {
            return 0; // it ended meanwhile
        }
    }
}
