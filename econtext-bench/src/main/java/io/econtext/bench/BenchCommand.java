package io.econtext.bench;

import io.econtext.cli.AddedCommand;
import io.econtext.cli.HopOptions;
import io.econtext.cli.ViaSpec;
import io.econtext.transport.local.Local;
import io.econtext.transport.local.LocalSpec;
import io.econtext.transport.ssh.Ssh;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code econtext bench}: measures every bar of the design brief (§10) against its baseline in the same run and prints
 * one report line per bar; a chain with ssh hops adds the ssh rows, each against a bare {@code ssh} with the same
 * options. A failing bar is part of the report (exit code 0); exit code 1 means the bench could not
 * run at all. With {@code --soak} it runs the soak instead ({@link Soak}), with the same exit codes. It joins the
 * {@code econtext} command as {@code econtext bench} ({@link AddedCommand}) when this module is on its class path.
 */
@Command(
        name = "bench",
        description = "Print the benchmark report for a chain, or with --soak the soak's report.",
        footer = {
            "",
            "Exit codes: 0 the report was printed (a FAIL row is part of it), 1 the bench could not run, 2 bad"
                    + " arguments."
        },
        mixinStandardHelpOptions = true)
public final class BenchCommand implements AddedCommand, Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HopOptions hops;

    @Option(names = "--quick", description = "Fewer iterations (for tests)")
    private boolean quick;

    @Option(
            names = "--rows",
            paramLabel = "TEXT",
            split = ",",
            description = "Run only the rows whose label contains one of these (case-insensitive), e.g."
                    + " --rows 'round trip,records'")
    private List<String> rows = new ArrayList<>();

    @Mixin
    private SoakOptions soak;

    @Option(
            names = "--fleet",
            description = "Run the fleet report instead: one master drives a simulated fleet of 100 and 1,000 hosts"
                    + " (--quick: 20) over the embedded client, against N `ssh host CMD` processes (the pssh way).")
    private boolean fleet;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> chain = hops.hops().stream().map(ViaSpec::text).toList();
        if (soak.soak() || soak.tuned()) {
            return soak(chain, out, err);
        }
        if (fleet) {
            return fleet(chain, out, err);
        }
        int firstSsh = -1;
        for (int i = 0; i < chain.size(); i++) {
            String scheme = hops.hops().get(i).scheme();
            if (Ssh.SCHEME.equals(scheme)) {
                firstSsh = firstSsh < 0 ? i : firstSsh;
                hops.spec(i, null); // a bad ssh option is a usage error now, not an error row later
            } else if (!Local.SCHEME.equals(scheme)) {
                err.println("bench: --via '" + chain.get(i) + "' is not supported (expected: local or ssh:...)");
                return 1;
            }
        }
        // rows 1-9 stay local: over the chain when it is all local, else over one local hop
        List<String> via = firstSsh < 0 ? chain : List.of(Local.SCHEME);
        String java = hops.javaPath() != null ? hops.javaPath() : "java";
        Quiet.logging();
        Report report = new Report();
        try (HelloJvm hello = HelloJvm.extract(java)) {
            hello.time(); // the baseline must run, or nothing can be compared
            Setup setup = new Setup(java, via, quick, hello);
            if (via.size() > 1) {
                report.note("rows 1-4 run over the last hop of the chain " + String.join("→", via)
                        + "; rows 5-9 always from this JVM");
            }
            if (firstSsh >= 0) {
                report.note("rows 1-9 run over one local hop; the ssh rows over the chain " + String.join("→", chain)
                        + ", side by side with a bare `ssh` with the same options");
            }
            List<Bench> benches = new ArrayList<>(List.of(
                    new BootBench(setup),
                    new RttBench(setup),
                    new PipelineBench(setup),
                    new BulkBench(setup),
                    new ChannelBench(setup),
                    new WireBytesBench(setup),
                    new FanOutBench(setup),
                    new HopBench(setup),
                    new RssBench(setup),
                    new OrphanBench(setup)));
            benches.addAll(ValueBench.rows(setup));
            if (firstSsh >= 0) {
                SshSetup ssh = new SshSetup(chain, firstSsh, hops::spec, quick);
                benches.add(new SshBootBench(ssh));
                benches.add(new SshRttBench(ssh, false));
                benches.add(new SshRttBench(ssh, true));
                benches.add(new SshBulkBench(ssh));
                benches.addAll(SshFleetBench.rows(ssh));
                benches.add(new SshEmbeddedRttBench(ssh));
                benches.add(new SshEmbeddedBulkBench(ssh));
            }
            if (!rows.isEmpty()) {
                benches.removeIf(b -> rows.stream()
                        .noneMatch(r -> b.label()
                                .toLowerCase(Locale.ROOT)
                                .contains(r.strip().toLowerCase(Locale.ROOT))));
                if (benches.isEmpty()) {
                    err.println("bench: --rows " + String.join(",", rows) + " matches no row");
                    return 2;
                }
            }
            for (Bench b : benches) {
                err.println("bench: " + b.label() + " …");
                err.flush();
                int before = report.rows().size();
                try {
                    b.run(report);
                } catch (Exception | LinkageError | AssertionError e) {
                    if (report.rows().size() == before) {
                        report.failed(b, e);
                    }
                }
            }
        } catch (Exception e) {
            err.println("bench: could not run: " + e);
            return 1;
        }
        out.print(report.format(title(chain, java)));
        out.flush();
        return 0;
    }

    private int soak(List<String> chain, PrintWriter out, PrintWriter err) {
        if (!soak.soak()) {
            throw new ParameterException(spec.commandLine(), "--duration and --calls apply to --soak only");
        }
        if (quick || !chain.equals(List.of(Local.SCHEME))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--soak runs over local contexts only, at its own scale (expected: no --via and no --quick;"
                            + " --duration and --calls size it)");
        }
        LocalSpec local = Local.spec().javaPath(hops.javaPath() != null ? hops.javaPath() : "java");
        if (hops.connectTimeout() != null) {
            local = local.connectTimeout(hops.connectTimeout());
        }
        String report;
        try {
            report = new Soak(local, soak.calls(), soak.duration(), err).run();
        } catch (Exception e) {
            err.println("bench: the soak could not run: " + e);
            return 1;
        }
        out.print(report);
        out.flush();
        return 0;
    }

    private int fleet(List<String> chain, PrintWriter out, PrintWriter err) {
        if (!chain.equals(List.of(Local.SCHEME)) || !rows.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--fleet drives its own simulated fleet from this JVM (expected: no --via and no --rows)");
        }
        Quiet.logging();
        String report;
        try {
            report = new FleetBench(hops.javaPath() != null ? hops.javaPath() : "java", quick, err).run();
        } catch (Exception e) {
            err.println("bench: the fleet report could not run: " + e);
            return 1;
        }
        out.print(report);
        out.flush();
        return 0;
    }

    private String title(List<String> chain, String java) {
        return "econtext bench — java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, chain " + String.join("→", chain)
                + ("java".equals(java) ? "" : ", children: " + java)
                + (quick ? ", quick" : "");
    }
}
