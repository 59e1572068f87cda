package io.econtext.cli.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Placeholder until the benchmark lands: says so and fails. */
@Command(name = "bench", description = "Measure boot, calls and bulk transfer over a chain of contexts.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("econtext bench: not available in this build yet");
        return 1;
    }
}
