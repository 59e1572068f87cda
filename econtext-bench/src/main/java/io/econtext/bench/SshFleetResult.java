package io.econtext.bench;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What one {@link SshFleet} measured.
 *
 * @param bootNanos wall time from the first {@code connect} to the last first call answered
 * @param broadcastNanos median wall time of a warm call to every context at once
 * @param growth this JVM's footprint after the boot minus the one before its router was made (both after a GC)
 * @param threadsAdded the Java threads the boot added to this JVM and that still live after it ({@link FleetThreads})
 * @param threads this JVM's threads after the boot, all of them (its own included)
 * @param processes live children this JVM started during the boot
 * @param sshProcesses how many of them run {@code ssh}
 * @param sshRssKib their resident memory, summed, in KiB
 */
record SshFleetResult(
        long bootNanos,
        long broadcastNanos,
        MasterFootprint growth,
        long threadsAdded,
        long threads,
        long processes,
        long sshProcesses,
        long sshRssKib) {

    /** Each figure's median over several runs of the same fleet. */
    static SshFleetResult median(List<SshFleetResult> runs) {
        return new SshFleetResult(
                median(runs, SshFleetResult::bootNanos),
                median(runs, SshFleetResult::broadcastNanos),
                new MasterFootprint(
                        median(runs, r -> r.growth().threads()),
                        median(runs, r -> r.growth().rssKib()),
                        median(runs, r -> r.growth().fds())),
                median(runs, SshFleetResult::threadsAdded),
                median(runs, SshFleetResult::threads),
                median(runs, SshFleetResult::processes),
                median(runs, SshFleetResult::sshProcesses),
                median(runs, SshFleetResult::sshRssKib));
    }

    private static long median(List<SshFleetResult> runs, ToLongFunction<SshFleetResult> figure) {
        return Stats.median(runs.stream().mapToLong(figure).toArray());
    }
}
