package io.econtext.fakessh;

import io.econtext.Context;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a local program whose {@code ssh} is served by econtext: every {@code ssh [options] host command} it starts
 * runs {@code command} in the given context instead, through the hops the master already has (ssh, sudo, any chain of
 * them), with stdin, stdout and stderr pumped under flow control and the command's exit status as ssh's. The host in
 * the tool's arguments is not used to route; any name does.
 *
 * <pre>{@code
 * Context deploy = router.connect(Sudo.user("deploy").via(router.connect(Ssh.to("app1"))));
 * int rc = FakeSsh.run(deploy, List.of("rsync", "-a", "build/", "app1:/srv/app/"));   // files owned by deploy
 * FakeSsh.run(deploy, List.of("scp", "report.pdf", "app1:reports/"));
 * FakeSsh.command(deploy, List.of("sftp", "-b", "batch.txt", "app1"))
 *         .timeout(Duration.ofMinutes(5))
 *         .run();
 * }</pre>
 *
 * <p>How the tool finds the fake: a private directory (mode 0700) holds an {@code ssh} script and comes first on
 * {@code PATH}; {@code RSYNC_RSH} and {@code GIT_SSH} name it too, and {@code scp} and {@code sftp}, which run
 * {@code /usr/bin/ssh} by absolute path, get {@code -S} with it; rsync gets {@code --blocking-io}, since it would leave
 * the fake's stdout non-blocking. Several invocations may run at once (rsync, scp
 * {@code -3}, git), each with its own pipes. The directory is removed when the run ends, however it ends.
 */
public final class FakeSsh {
    private FakeSsh() {}

    /** Runs {@code argv} to its end with inherited stdio and returns its exit status. */
    public static int run(Context context, List<String> argv) throws InterruptedException {
        return command(context, argv).run();
    }

    /**
     * The program a run of {@code program} would start, found as {@code execvp} finds it: a name with a {@code /} as
     * it is, any other in the directories of {@code path} (this JVM's {@code PATH} when null), in order. Lets a caller
     * fail before it boots contexts (and asks for passwords) for a tool that is not installed.
     *
     * @throws FakeSshException naming the program when it is not there or not executable
     */
    public static Path locate(String program, String path) {
        if (program.indexOf('/') >= 0) {
            Path p = Path.of(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw new FakeSshException("cannot run '" + program + "': no such executable file");
        }
        String dirs = path != null ? path : System.getenv("PATH");
        if (dirs != null) {
            for (String dir : dirs.split(File.pathSeparator, -1)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new FakeSshException("cannot run '" + program + "': it is not on this machine's PATH (it runs"
                + " here; only its remote side runs in the context): install " + program + " here");
    }

    /** A run of {@code argv} to configure before {@link FakeSshCommand#run()}. */
    public static FakeSshCommand command(Context context, List<String> argv) {
        return new FakeSshCommand(context, argv);
    }
}
