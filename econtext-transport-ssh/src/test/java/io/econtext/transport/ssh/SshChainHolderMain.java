package io.econtext.transport.ssh;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import java.util.ArrayList;
import java.util.List;

/**
 * A master in its own JVM for the SIGKILL test: boots two ssh hops with {@code args = host port user key knownHosts
 * [client]} (the first hop over that {@link SshClientKind}, OPENSSH by default; the second always over OpenSSH), prints {@code PIDS pid...} (the two child JVMs and the ssh clients of both hops), then sleeps until it is killed.
 */
public final class SshChainHolderMain {
    private SshChainHolderMain() {}

    public static void main(String[] args) throws Exception {
        SshSpec spec = Ssh.to(args[0])
                .port(Integer.parseInt(args[1]))
                .user(args[2])
                .identityFile(args[3])
                .knownHostsFile(args[4]);
        Router router = Econtext.newRouter();
        SshClientKind client = args.length > 5 ? SshClientKind.valueOf(args[5]) : SshClientKind.OPENSSH;
        Context hop1 = router.connect(spec.name("held1").client(client));
        Context hop2 = router.connect(spec.name("held2").via(hop1));
        List<Long> pids = new ArrayList<>();
        pids.add(hop1.info().pid());
        pids.add(hop2.call(() -> ProcessHandle.current().pid()));
        pids.addAll(sshChildren());
        pids.addAll(hop1.call(SshChainHolderMain::sshChildren));
        StringBuilder line = new StringBuilder("PIDS");
        for (long pid : pids) {
            line.append(' ').append(pid);
        }
        System.out.println(line);
        System.out.flush();
        Thread.sleep(120_000);
        router.close();
    }

    static List<Long> sshChildren() {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.current()
                .children()
                .filter(p -> p.info().command().orElse("").endsWith("/ssh"))
                .forEach(p -> pids.add(p.pid()));
        return pids;
    }
}
