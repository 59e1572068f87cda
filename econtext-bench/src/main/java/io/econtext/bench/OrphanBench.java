package io.econtext.bench;

import io.econtext.spi.InheritedEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Row 9: a separate master JVM ({@link OrphanMaster}) boots a 3-hop local chain and is killed with SIGKILL; the row is
 * how many of the chain's JVMs are still alive 5 s later, and how long until none was.
 */
final class OrphanBench implements Bench {
    private static final long BAR_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long WATCH_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final Setup setup;

    OrphanBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "JVMs alive after master SIGKILL";
    }

    @Override
    public String bar() {
        return "0 within 5 s";
    }

    @Override
    public void run(Report report) throws Exception {
        String self = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process master = InheritedEnvironment.processBuilder(
                        self, "-cp", System.getProperty("java.class.path"), OrphanMaster.class.getName(), setup.java())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<ProcessHandle> jvms = new ArrayList<>();
        List<ProcessHandle> tree = new ArrayList<>();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-orphan-watchdog");
            t.setDaemon(true);
            return t;
        });
        try {
            watchdog.schedule(master::destroyForcibly, 60, TimeUnit.SECONDS);
            for (long pid : readPids(master)) {
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                if (h.isEmpty()) {
                    throw new IllegalStateException("context JVM " + pid + " was gone before the master was killed");
                }
                jvms.add(h.get());
            }
            master.toHandle().descendants().forEach(tree::add);
            master.destroyForcibly();
            long t0 = System.nanoTime();
            long gone = -1;
            int aliveAtBar = -1;
            while (true) {
                long t = System.nanoTime() - t0;
                int alive = countAlive(jvms);
                if (t >= BAR_NANOS && aliveAtBar < 0) {
                    aliveAtBar = alive;
                }
                if (alive == 0) {
                    gone = t;
                    break;
                }
                if (t >= WATCH_NANOS) {
                    break;
                }
                Thread.sleep(5);
            }
            long treeGone = -1;
            while (gone >= 0) {
                long t = System.nanoTime() - t0;
                if (countAlive(tree) == 0) {
                    treeGone = t;
                    break;
                }
                if (t >= WATCH_NANOS) {
                    break;
                }
                Thread.sleep(5);
            }
            if (gone >= 0) {
                boolean pass = gone <= BAR_NANOS;
                report.add(
                        this,
                        (pass ? 0 : aliveAtBar) + " of " + jvms.size() + ", all gone in " + Stats.seconds(gone),
                        Report.NONE,
                        Report.NONE,
                        pass);
            } else {
                report.add(
                        this,
                        aliveAtBar + " of " + jvms.size() + " at 5 s, " + countAlive(jvms) + " at 10 s",
                        Report.NONE,
                        Report.NONE,
                        false);
            }
            report.note("orphans: the killed master's tree had " + tree.size() + " processes (JVMs and their boot"
                    + " shells): "
                    + (treeGone >= 0
                            ? "all gone in " + Stats.seconds(treeGone)
                            : countAlive(tree) + " still alive after " + Stats.seconds(WATCH_NANOS)));
        } finally {
            watchdog.shutdownNow();
            master.destroyForcibly();
            for (ProcessHandle h : tree) {
                h.destroyForcibly();
            }
            for (ProcessHandle h : jvms) {
                h.destroyForcibly();
            }
        }
    }

    private static List<Long> readPids(Process master) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(master.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(OrphanMaster.PIDS + " ")) {
                List<Long> pids = new ArrayList<>();
                for (String p :
                        line.substring(OrphanMaster.PIDS.length() + 1).trim().split(" +")) {
                    pids.add(Long.parseLong(p));
                }
                return pids;
            }
        }
        throw new IOException("the orphan master exited (or was stopped after 60 s) before it printed its pids");
    }

    private static int countAlive(List<ProcessHandle> processes) {
        int n = 0;
        for (ProcessHandle h : processes) {
            if (h.isAlive() && !zombie(h.pid())) {
                n++;
            }
        }
        return n;
    }

    /** True when {@code pid} has exited and only waits to be reaped. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
