package io.econtext.cli.bench;

import io.econtext.transport.local.Local;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code econtext bench}: measures every bar of the design brief (§10) against its baseline in the same run and prints
 * one report line per bar. A failing bar is part of the report (exit code 0); exit code 1 means the bench could not
 * run at all.
 */
@Command(name = "bench", description = "Print the benchmark report for a chain", mixinStandardHelpOptions = true)
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--via",
            paramLabel = "SPEC",
            description = "A hop of the chain that rows 1-4 run over, repeatable (only 'local' so far; default: one"
                    + " local hop)")
    private List<String> via = List.of(Local.SCHEME);

    @Option(names = "--quick", description = "Fewer iterations (for tests)")
    private boolean quick;

    @Option(
            names = "--java",
            paramLabel = "PATH",
            description = "The java for child JVMs and the baseline (default: java on PATH)")
    private String java = "java";

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
        for (String hop : via) {
            if (!Local.SCHEME.equals(hop)) {
                err.println("bench: --via '" + hop + "' is not supported (expected: local)");
                return 1;
            }
        }
        Quiet.logging();
        Report report = new Report();
        try (HelloJvm hello = HelloJvm.extract(java)) {
            hello.time(); // the baseline must run, or nothing can be compared
            Setup setup = new Setup(java, via, quick, hello);
            if (via.size() > 1) {
                report.note("rows 1-4 run over the last hop of the chain " + String.join("→", via)
                        + "; rows 5-9 always from this JVM");
            }
            List<Bench> benches = List.of(
                    new BootBench(setup),
                    new RttBench(setup),
                    new PipelineBench(setup),
                    new BulkBench(setup),
                    new WireBytesBench(setup),
                    new FanOutBench(setup),
                    new HopBench(setup),
                    new RssBench(setup),
                    new OrphanBench(setup));
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
        out.print(report.format(title()));
        out.flush();
        return 0;
    }

    private String title() {
        return "econtext bench — java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, chain " + String.join("→", via)
                + ("java".equals(java) ? "" : ", children: " + java)
                + (quick ? ", quick" : "");
    }
}
