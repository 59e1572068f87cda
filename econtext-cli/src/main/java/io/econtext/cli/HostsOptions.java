package io.econtext.cli;

import io.econtext.fleet.FleetOptions;
import io.econtext.fleet.Inventory;
import io.econtext.fleet.InventoryException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that turn a command into a fleet command: {@code --hosts FILE} (an {@link Inventory}), narrowed by
 * {@code --group} and {@code --shard}, booted {@code --parallel} at a time, each host's work bounded by {@code
 * --deadline}, reported per host as text or {@code --json}.
 *
 * <pre>
 * $ econtext exec --hosts hosts.txt --group web --parallel 50 --ssh-client embedded -- uptime
 * $ econtext ping --hosts hosts.txt --shard 2/8 --json
 * </pre>
 */
public final class HostsOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(
            names = "--hosts",
            paramLabel = "FILE",
            description = "Run on every host of this hosts file (one [user@]host[:port] per line, [group] sections,"
                    + " user= and jump= settings, # comments), each an ssh hop below the chain's last hop (or this"
                    + " JVM without --via).")
    private Path hosts;

    @Option(names = "--group", paramLabel = "GROUP", description = "With --hosts: only the hosts of this [group].")
    private String group;

    private int shardIndex = -1;
    private int shardCount;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "With --hosts: boots under way at once (default: 32).")
    private Integer parallel;

    private Duration deadline;

    @Option(
            names = "--json",
            description = "With --hosts: one JSON object per host on stdout, as each host ends, instead of text.")
    private boolean json;

    @Option(
            names = "--group-output",
            description = "With --hosts: print each distinct output once, after the hosts that produced it.")
    private boolean groupOutput;

    @Option(
            names = "--shard",
            paramLabel = "K/N",
            description = "With --hosts: only shard K of N (0 <= K < N), a stable share by host name, for N masters"
                    + " side by side (e.g. K = $JOB_COMPLETION_INDEX of a Kubernetes Indexed Job).")
    void setShard(String text) {
        String[] parts = text.split("/", -1);
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            shardIndex = Integer.parseInt(parts[0].trim());
            shardCount = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw usage("--shard: '" + text + "' (expected: K/N, e.g. 0/4)");
        }
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
            throw usage("--shard: '" + text + "' (expected: K/N with 0 <= K < N, e.g. 0/4 .. 3/4)");
        }
    }

    @Option(
            names = "--deadline",
            paramLabel = "SECONDS",
            description = "With --hosts: bound on each host's call or command, in seconds (default: 60).")
    void setDeadline(String seconds) {
        deadline = Seconds.parse("--deadline", seconds, mixee.commandLine());
    }

    /** True when {@code --hosts} was given. */
    public boolean enabled() {
        return hosts != null;
    }

    /** The hosts to run on: the file's, narrowed by {@code --group} and {@code --shard}; a bad file is a usage error. */
    public Inventory inventory() {
        Inventory inv;
        try {
            inv = Inventory.read(hosts);
        } catch (NoSuchFileException e) {
            throw usage("--hosts: " + hosts + ": no such file");
        } catch (InventoryException e) {
            throw usage("--hosts: " + e.getMessage());
        } catch (IOException e) {
            throw usage("--hosts: cannot read " + hosts + ": " + e.getMessage());
        }
        if (group != null) {
            try {
                inv = inv.group(group);
            } catch (IllegalArgumentException e) {
                throw usage("--group: '" + group + "' is not a group of " + hosts + " ("
                        + (inv.groups().isEmpty() ? "it has none" : "its groups: " + String.join(", ", inv.groups()))
                        + ")");
            }
        }
        if (shardIndex >= 0) {
            inv = inv.shard(shardIndex, shardCount);
        }
        return inv;
    }

    /** The fleet's options from {@code --parallel} and {@code --deadline}. */
    public FleetOptions fleetOptions() {
        FleetOptions o = FleetOptions.defaults();
        try {
            if (parallel != null) {
                o = o.withParallelism(parallel);
            }
        } catch (IllegalArgumentException e) {
            throw usage("--parallel: " + parallel + " (expected: 1-" + FleetOptions.MAX_PARALLELISM + ")");
        }
        return deadline == null ? o : o.withCallDeadline(deadline);
    }

    /** Checks that no fleet-only option was given without {@code --hosts}. */
    public void checkUnused() {
        if (hosts == null
                && (group != null || shardIndex >= 0 || parallel != null || deadline != null || json || groupOutput)) {
            throw usage("--group, --shard, --parallel, --deadline, --json and --group-output need --hosts FILE");
        }
    }

    public boolean json() {
        return json;
    }

    public boolean groupOutput() {
        return groupOutput;
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
