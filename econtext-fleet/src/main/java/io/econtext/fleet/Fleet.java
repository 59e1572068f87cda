package io.econtext.fleet;

import io.econtext.CallOptions;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.RemoteCallable;
import io.econtext.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Many hosts driven as one: a context on each, booted with bounded parallelism, then calls and commands broadcast to
 * all of them with a per-host deadline and a {@link HostResult} per host as it arrives.
 *
 * <pre>{@code
 * Inventory hosts = Inventory.read(Path.of("hosts.txt")).group("web");
 * List<FleetMember> members = new ArrayList<>();
 * for (InventoryHost h : hosts.hosts()) {
 *     members.add(new FleetMember(h.name(), Ssh.parse(h.destination()).client(SshClientKind.EMBEDDED)));
 * }
 * try (Router router = Econtext.newRouter();
 *         Fleet fleet = Fleet.connect(router, members, FleetOptions.defaults(), r -> System.out.println(r))) {
 *     FleetResult<String> kernels = fleet.call(() -> System.getProperty("os.version"));
 *     FleetResult<ExecResult> up = fleet.exec(List.of("uptime"));
 * }
 * }</pre>
 *
 * <p>Every host ends up connected or with its typed failure ({@link #failures()}): one host's failure never aborts or
 * delays the others beyond its own connect timeout or call deadline. A host whose context goes away later is
 * reported (its call fails with {@link ContextDisconnectedException}) and dropped from {@link #connected()}.
 *
 * <p>Threads: {@link #connect} blocks its caller and boots on up to {@link FleetOptions#parallelism()} threads of its
 * own, which end with it. Listeners, and the futures {@link #callAsync} returns, run and complete on the fleet's
 * event thread ({@code econtext-fleet-events}), one at a time: a slow listener delays other listeners, never the
 * hosts, and never an I/O thread. Other methods may be called from any thread.
 */
public final class Fleet implements AutoCloseable {
    private final List<String> names;
    private final Map<String, Context> connected = new ConcurrentHashMap<>();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private final FleetOptions options;
    private final ExecutorService events;

    private Fleet(List<String> names, FleetOptions options) {
        this.names = List.copyOf(names);
        this.options = options;
        this.events = Executors.newSingleThreadExecutor(daemon("econtext-fleet-events", false));
    }

    /** {@link #connect(Router, List, FleetOptions, Consumer)} without a listener. */
    public static Fleet connect(Router router, List<FleetMember> members, FleetOptions options) {
        return connect(router, members, options, null);
    }

    /**
     * Boots a context for every member, at most {@code options.parallelism()} at a time, and returns once each one is
     * connected or failed. {@code onEach} (may be {@code null}) hears of each host as its boot ends, on the fleet's
     * event thread.
     *
     * @throws IllegalArgumentException when two members share a name
     */
    public static Fleet connect(
            Router router, List<FleetMember> members, FleetOptions options, Consumer<HostResult<Context>> onEach) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FleetMember m : members) {
            if (!seen.add(m.name())) {
                throw new IllegalArgumentException("members : '" + m.name() + "' twice (expected: unique names)");
            }
            names.add(m.name());
        }
        Fleet fleet = new Fleet(names, options);
        long start = System.nanoTime();
        // boot() records every failure itself
        eachBounded(
                members, options.parallelism(), "econtext-fleet-connect-", m -> fleet.boot(router, m, start, onEach));
        fleet.drainEvents();
        return fleet;
    }

    private void boot(Router router, FleetMember m, long start, Consumer<HostResult<Context>> onEach) {
        HostResult<Context> r;
        try {
            Context c = router.connect(m.spec());
            connected.put(m.name(), c);
            c.onDisconnect().thenAccept(e -> drop(m.name(), c, e));
            r = new HostResult<>(m.name(), c, null, since(start));
        } catch (RuntimeException | Error e) {
            failures.put(m.name(), e);
            r = new HostResult<>(m.name(), null, e, since(start));
        }
        tell(onEach, r);
    }

    /** A host whose context went away: no longer connected, its reason kept. */
    private void drop(String name, Context c, ContextDisconnectedException reason) {
        if (connected.remove(name, c)) {
            failures.putIfAbsent(name, reason);
        }
    }

    /** Every host's name, in the order of the members. */
    public List<String> hosts() {
        return names;
    }

    /** The hosts connected now, by name, in the members' order. */
    public Map<String, Context> connected() {
        Map<String, Context> m = new LinkedHashMap<>();
        for (String n : names) {
            Context c = connected.get(n);
            if (c != null) {
                m.put(n, c);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The hosts that failed to connect or went away since, with why, in the members' order. */
    public Map<String, Throwable> failures() {
        Map<String, Throwable> m = new LinkedHashMap<>();
        for (String n : names) {
            Throwable t = failures.get(n);
            if (t != null && !connected.containsKey(n)) {
                m.put(n, t);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Runs {@code fn} on every connected host and waits for all, each bounded by the options' call deadline.
     *
     * @return a result per host connected when the call started
     */
    public <T> FleetResult<T> call(RemoteCallable<T> fn) {
        return join(callAsync(fn, null));
    }

    /**
     * Runs {@code fn} on every connected host without waiting; {@code onEach} (may be {@code null}) hears of each
     * host's result as it arrives. The future completes once every host answered or failed, at the latest at the
     * call deadline (plus the time a host takes to report a frozen stream).
     */
    public <T> CompletableFuture<FleetResult<T>> callAsync(RemoteCallable<T> fn, Consumer<HostResult<T>> onEach) {
        long start = System.nanoTime();
        CallOptions call = CallOptions.DEFAULT.withDeadline(options.callDeadline());
        Map<String, Context> targets = connected();
        List<CompletableFuture<HostResult<T>>> each = new ArrayList<>(targets.size());
        for (Map.Entry<String, Context> e : targets.entrySet()) {
            String name = e.getKey();
            CompletableFuture<HostResult<T>> r = new CompletableFuture<>();
            each.add(r);
            CompletableFuture<T> answer;
            try {
                answer = e.getValue().with(call).callAsync(fn);
            } catch (RuntimeException failure) {
                answer = CompletableFuture.failedFuture(failure);
            }
            answer.whenComplete((v, t) -> { // on whichever thread completed the call: hand over at once
                HostResult<T> hr = new HostResult<>(name, t == null ? v : null, unwrap(t), since(start));
                events.execute(() -> {
                    notify(onEach, hr);
                    r.complete(hr);
                });
            });
        }
        CompletableFuture<FleetResult<T>> all = new CompletableFuture<>();
        CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).whenComplete((v, t) -> {
            List<HostResult<T>> results = new ArrayList<>(each.size());
            for (CompletableFuture<HostResult<T>> r : each) {
                results.add(r.join());
            }
            all.complete(new FleetResult<>(results)); // on the event thread: the last result completed it there
        });
        return all;
    }

    /**
     * Runs {@code argv} (no shell: {@code List.of("sh", "-c", "...")} for one) on every connected host and waits for
     * all, each bounded by the call deadline (past it the command is killed there). stdin is {@code /dev/null}.
     */
    public FleetResult<ExecResult> exec(List<String> argv) {
        return join(execAsync(argv, null));
    }

    /** {@link #exec} without waiting; {@code onEach} hears of each host's result as it arrives. */
    public CompletableFuture<FleetResult<ExecResult>> execAsync(
            List<String> argv, Consumer<HostResult<ExecResult>> onEach) {
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("argv : " + argv + " (expected: a command and its arguments)");
        }
        return callAsync(RemoteCommand.task(argv), onEach);
    }

    /**
     * Shuts every connected host's context down, {@link FleetOptions#parallelism()} at a time (each waits for its
     * context to exit, a bounded while), then stops the event thread.
     */
    @Override
    public void close() {
        List<Context> open = new ArrayList<>(connected().values());
        connected.clear();
        eachBounded(open, options.parallelism(), "econtext-fleet-close-", c -> {
            try {
                c.shutdown();
            } catch (RuntimeException e) {
                // already gone: nothing more to end
            }
        });
        events.shutdown();
    }

    @Override
    public String toString() {
        return "Fleet(" + names.size() + " hosts, " + connected.size() + " connected)";
    }

    private <T> void tell(Consumer<HostResult<T>> onEach, HostResult<T> r) {
        if (onEach != null) {
            events.execute(() -> notify(onEach, r));
        }
    }

    private static <T> void notify(Consumer<HostResult<T>> onEach, HostResult<T> r) {
        if (onEach == null) {
            return;
        }
        try {
            onEach.accept(r);
        } catch (RuntimeException e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e); // a listener's bug: reported, the fleet goes on
        }
    }

    /** Waits until the listeners told so far have run. */
    private void drainEvents() {
        try {
            events.submit(() -> {}).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Runs {@code action} on each of {@code items}, at most {@code parallelism} at a time on threads of its own
     * ({@code namePrefix}N, ended before it returns), and waits for all.
     */
    private static <T> void eachBounded(List<T> items, int parallelism, String namePrefix, Consumer<T> action) {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.min(parallelism, items.size()), daemon(namePrefix, true));
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>(items.size());
            for (T item : items) {
                done.add(CompletableFuture.runAsync(() -> action.accept(item), pool));
            }
            for (CompletableFuture<Void> d : done) {
                d.join();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static ThreadFactory daemon(String name, boolean numbered) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + n.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }
}
