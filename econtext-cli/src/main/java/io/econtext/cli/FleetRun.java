package io.econtext.cli;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.fleet.Fleet;
import io.econtext.fleet.FleetMember;
import io.econtext.fleet.HostResult;
import io.econtext.fleet.Inventory;
import io.econtext.fleet.InventoryHost;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the fleet mode of a command ({@code --hosts}) shares: booting the fleet below the chain, a live progress line
 * on a terminal, one outcome per host (text or {@code --json}), and the summary at the end.
 *
 * <pre>
 * web1: up 3 days                                 text: each line of a host's output, prefixed with its name
 * {"host":"web1","ok":true,"ms":41,"exit":0,...}  --json: one object per host, as each host ends
 * [connected 17/20, failed 1, done 12/20, 3.2 s]  progress: on a terminal only, rewritten in place on stderr
 * 20 hosts: 17 succeeded, 3 failed in 4.1 s       summary, on stderr
 *   failed: 2 SshConnectException (web7, web9); 1 exit 3 (web2)
 *   slowest: web3 4.0 s, web1 1.2 s, web8 1.1 s
 * </pre>
 *
 * <p>Threads: outcomes and lines may be reported from any thread (the fleet's event thread, the runs of a tool);
 * they are printed one at a time. {@link #connect} and {@link #finish} run on the command's thread, before and
 * after.
 */
final class FleetRun {
    /** What one host came to: its result in the summary's and the JSON's terms. */
    record Outcome(
            String host, boolean ok, String failureKind, String message, long millis, Map<String, Object> json) {}

    private static final int SLOWEST = 3;

    private final HopOptions hops;
    private final HostsOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final Map<String, Outcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    /** The hosts in the inventory's order: the summary's order. */
    private final List<String> order = new ArrayList<>();

    private int total;
    private int connected;
    private int failed;
    private int done;
    private boolean progressShown;

    FleetRun(HopOptions hops, HostsOptions options, PrintStream out, PrintStream err) {
        this.hops = hops;
        this.options = options;
        this.out = out;
        this.err = err;
        this.terminal = System.console() != null && !options.json();
    }

    /**
     * Boots the chain (when {@code --via} was given), the gateways of the hosts that name one ({@code via=}) below its
     * last hop, and the fleet: each host below its gateway, or below the chain. Every host is reported; the hosts of a
     * gateway that failed fail with its error.
     */
    Fleet connect(Router router) {
        Inventory inventory = options.inventory();
        Context chainEnd = null;
        if (hops.viaGiven()) {
            List<Context> chain = hops.connect(router);
            chainEnd = chain.get(chain.size() - 1);
        }
        total = inventory.size();
        Map<String, Context> gateways = new LinkedHashMap<>();
        Map<String, RuntimeException> gatewayFailures = new LinkedHashMap<>();
        List<FleetMember> members = new ArrayList<>();
        for (InventoryHost h : inventory.hosts()) {
            order.add(h.name());
            Context via = chainEnd;
            if (h.via() != null) {
                if (!gateways.containsKey(h.via()) && !gatewayFailures.containsKey(h.via())) {
                    try {
                        gateways.put(h.via(), router.connect(hops.gatewaySpec(h.via(), chainEnd)));
                    } catch (RuntimeException e) {
                        gatewayFailures.put(h.via(), e);
                    }
                }
                RuntimeException failure = gatewayFailures.get(h.via());
                if (failure != null) {
                    failed++;
                    outcome(connectFailure(h.name(), "gateway " + h.via() + ": ", failure, 0));
                    continue;
                }
                via = gateways.get(h.via());
            }
            members.add(new FleetMember(h.name(), hops.hostSpec(h, via)));
        }
        return Fleet.connect(router, members, options.fleetOptions(), this::connected);
    }

    private synchronized void connected(HostResult<Context> r) {
        if (r.succeeded()) {
            connected++;
            progress();
            return;
        }
        failed++;
        outcome(connectFailure(r.host(), "", r.failure(), r.elapsed().toMillis()));
    }

    private static Outcome connectFailure(String host, String where, Throwable failure, long millis) {
        return failed(host, millis, "connect", "connect failed: " + where, where, failure);
    }

    /**
     * A host's failure: {@code --json} gets the whole message after {@code where}; text the first line after {@code
     * shown}.
     */
    private static Outcome failed(
            String host, long millis, String stage, String shown, String where, Throwable failure) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host);
        json.put("ok", false);
        json.put("ms", millis);
        json.put("stage", stage);
        json.put("error", failure.getClass().getSimpleName());
        json.put("message", where + failure.getMessage());
        return new Outcome(
                host, false, failure.getClass().getSimpleName(), shown + firstLine(failure.getMessage()), millis, json);
    }

    /** The first line of an error's message: the rest (a boot's diagnostic output) goes to {@code --json} only. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Records and prints one host's outcome (text unless {@code --json}); on the fleet's event thread. */
    synchronized void outcome(Outcome o) {
        outcomes.put(o.host(), o);
        done++;
        clearProgress();
        if (options.json()) {
            out.println(Json.object(o.json()));
            out.flush();
        } else if (!o.ok() && !options.groupOutput()) {
            err.println(o.host() + ": " + o.message());
        }
        progress();
    }

    /** Prints text lines of a host, each prefixed with its name (unless output is grouped or JSON). */
    synchronized void lines(String host, String text, boolean stderr) {
        if (options.json() || options.groupOutput() || text.isEmpty()) {
            return;
        }
        clearProgress();
        PrintStream to = stderr ? err : out;
        for (String line : text.split("\n", -1)) {
            to.println(host + ": " + line);
        }
        to.flush();
    }

    /** A host that failed after it connected (a call's failure): its outcome. */
    Outcome failure(HostResult<?> r) {
        return failed(r.host(), r.elapsed().toMillis(), "run", "failed: ", "", r.failure());
    }

    /**
     * A command that ran on {@code host} and exited with {@code exitCode}: its output printed (each line prefixed),
     * its outcome recorded ({@code kind} groups it in the summary when it failed); {@code truncated} goes to {@code
     * --json} when known.
     */
    void exited(String host, long millis, int exitCode, String stdout, String stderr, Boolean truncated, String kind) {
        lines(host, withoutLastNewline(stdout), false);
        lines(host, withoutLastNewline(stderr), true);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host);
        json.put("ok", exitCode == 0);
        json.put("ms", millis);
        json.put("exit", exitCode);
        json.put("stdout", stdout);
        json.put("stderr", stderr);
        if (truncated != null) {
            json.put("truncated", truncated);
        }
        outcome(new Outcome(host, exitCode == 0, kind, "exit " + exitCode, millis, json));
    }

    private static String withoutLastNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * Prints what {@code --group-output} gathered and the summary; returns the exit status: 0 only when every host
     * succeeded.
     */
    int finish(Map<String, String> groupKeys) {
        clearProgress();
        if (options.groupOutput() && !options.json()) {
            Map<String, List<String>> byOutput = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : groupKeys.entrySet()) {
                byOutput.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
            }
            for (Map.Entry<String, List<String>> e : byOutput.entrySet()) {
                List<String> hosts = e.getValue();
                out.println("== " + String.join(", ", hosts) + " (" + hosts.size()
                        + (hosts.size() == 1 ? " host" : " hosts") + ")");
                out.print(e.getKey());
            }
            out.flush();
        }
        summary();
        for (Outcome o : outcomes.values()) {
            if (!o.ok()) {
                return 1;
            }
        }
        return outcomes.size() == total ? 0 : 1;
    }

    private void summary() {
        int ok = 0;
        Map<String, List<String>> failedByKind = new LinkedHashMap<>();
        for (Outcome o : inOrder()) {
            if (o.ok()) {
                ok++;
            } else {
                failedByKind
                        .computeIfAbsent(o.failureKind(), k -> new ArrayList<>())
                        .add(o.host());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000L;
        err.println(String.format(
                Locale.ROOT, "%d hosts: %d succeeded, %d failed in %.1f s", total, ok, total - ok, millis / 1000.0));
        if (!failedByKind.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : failedByKind.entrySet()) {
                List<String> hosts = e.getValue();
                String shown = String.join(", ", hosts.subList(0, Math.min(5, hosts.size())))
                        + (hosts.size() > 5 ? ", ..." : "");
                parts.add(hosts.size() + " " + e.getKey() + " (" + shown + ")");
            }
            err.println("  failed: " + String.join("; ", parts));
        }
        List<Outcome> slowest = inOrder();
        slowest.sort(Comparator.comparingLong(Outcome::millis).reversed());
        List<String> slow = new ArrayList<>();
        for (Outcome o : slowest.subList(0, Math.min(SLOWEST, slowest.size()))) {
            slow.add(String.format(Locale.ROOT, "%s %.1f s", o.host(), o.millis() / 1000.0));
        }
        if (!slow.isEmpty()) {
            err.println("  slowest: " + String.join(", ", slow));
        }
        err.flush();
    }

    /** The outcomes in the inventory's order. */
    private List<Outcome> inOrder() {
        List<Outcome> in = new ArrayList<>();
        for (String h : order) {
            Outcome o = outcomes.get(h);
            if (o != null) {
                in.add(o);
            }
        }
        return in;
    }

    private void progress() {
        if (!terminal) {
            return;
        }
        err.print(String.format(
                Locale.ROOT,
                "\r[connected %d/%d, failed %d, done %d/%d, %.1f s]",
                connected,
                total,
                failed,
                done,
                total,
                (System.nanoTime() - start) / 1e9));
        err.flush();
        progressShown = true;
    }

    private void clearProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            progressShown = false;
        }
    }
}
