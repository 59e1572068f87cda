package io.econtext.testkit.fleet;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * How many simulated hosts fit: boots N hosts of a fleet with the embedded client from one master, {@code PARALLEL}
 * connects at a time, then broadcasts a call to all. Not a test (it takes minutes); run it by hand:
 * {@code java -cp ... io.econtext.testkit.fleet.FleetScaleMain N [PARALLEL] [CLIENT] [SERVER-JVM-OPTIONS...]}.
 */
final class FleetScaleMain {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        SshClientKind client = args.length > 2 ? SshClientKind.valueOf(args[2]) : SshClientKind.EMBEDDED;
        String[] serverOptions = args.length > 3 ? Arrays.copyOfRange(args, 3, args.length) : new String[0];
        System.out.printf("master threads before: %d%n", threads());
        long t0 = System.nanoTime();
        try (SimulatedFleet fleet =
                        SimulatedFleet.start(SimulatedFleetOptions.hosts(n).jvmOptions(serverOptions));
                Router router = Econtext.newRouter()) {
            System.out.printf("fleet of %d started in %d ms (server pid %d)%n", n, ms(t0), fleet.pid());
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            long c0 = System.nanoTime();
            List<Future<Context>> futures = new ArrayList<>();
            for (SshSpec spec : fleet.specs(client)) {
                futures.add(pool.submit(() -> router.connect(spec.connectTimeout(Duration.ofSeconds(120)))));
            }
            List<Context> contexts = new ArrayList<>();
            int failed = 0;
            for (Future<Context> f : futures) {
                try {
                    contexts.add(f.get());
                } catch (Exception e) {
                    if (failed++ < 3) {
                        System.out.println("connect failed: " + e.getCause());
                    }
                }
            }
            long connectMs = ms(c0);
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            System.out.printf(
                    "connected %d of %d in %d ms (%d at a time, %s client), %d failed%n",
                    contexts.size(), n, connectMs, parallel, client, failed);
            long[] rounds = new long[21];
            for (int r = 0; r < rounds.length; r++) {
                long b0 = System.nanoTime();
                List<CompletableFuture<String>> answers = new ArrayList<>();
                for (Context c : contexts) {
                    answers.add(c.callAsync(SimulatedHost::name));
                }
                int right = 0;
                for (int i = 0; i < answers.size(); i++) {
                    if (answers.get(i)
                            .get(120, TimeUnit.SECONDS)
                            .equals(contexts.get(i).name())) {
                        right++;
                    }
                }
                rounds[r] = (System.nanoTime() - b0) / 1000;
                if (right != contexts.size()) {
                    System.out.printf("round %d: only %d right answers%n", r, right);
                }
            }
            System.out.printf(
                    "broadcast call to %d: first %d ms, then %s us%n",
                    contexts.size(), rounds[0] / 1000, Arrays.toString(Arrays.copyOfRange(rounds, 1, rounds.length)));
            System.out.printf(
                    "master: threads %d, RSS %s, fds %d%n",
                    threads(), status(Path.of("/proc/self/status"), "VmRSS"), fds(Path.of("/proc/self/fd")));
            Path server = Path.of("/proc/" + fleet.pid());
            System.out.printf(
                    "server JVM: threads %s, RSS %s (peak %s), fds %d%n",
                    status(server.resolve("status"), "Threads"),
                    status(server.resolve("status"), "VmRSS"),
                    status(server.resolve("status"), "VmHWM"),
                    fds(server.resolve("fd")));
            System.out.printf(
                    "cpu so far: master %d ms, server %d ms%n",
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                    .getProcessCpuTime()
                            / 1_000_000,
                    serverCpuMillis(server.resolve("stat")));
            long s0 = System.nanoTime();
            router.close();
            System.out.printf("router closed in %d ms%n", ms(s0));
        }
        System.out.printf("total %d ms%n", ms(t0));
    }

    /** utime + stime of /proc/PID/stat, at 100 ticks a second. */
    private static long serverCpuMillis(Path stat) throws IOException {
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static String status(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        return "?";
    }

    private static long fds(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }
}
