package io.econtext.transport.sudo;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.Secret;
import io.econtext.core.Econtext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A master in its own JVM for the SIGKILL test: with {@code args = java ttyUser password}, becomes {@code ttyUser}
 * (no password: the master is root), then root again through {@code ttyUser}'s sudo, which insists on a terminal; the
 * password comes on stdin, never in argv. Prints {@code PIDS pid...}: both JVMs and every process in between (sudo,
 * the terminal helper, shells), then sleeps until it is killed.
 */
public final class SudoChainHolderMain {
    private SudoChainHolderMain() {}

    public static void main(String[] args) throws Exception {
        char[] password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in))
                .readLine()
                .toCharArray();
        Router router = Econtext.newRouter();
        Context user = router.connect(Sudo.user(args[1]).javaPath(args[0]).name("held1"));
        Context root = router.connect(Sudo.root()
                .javaPath(args[0])
                .password(Secret.of(password))
                .name("held2")
                .via(user));
        Set<Long> pids = new LinkedHashSet<>(descendants());
        pids.addAll(user.call(SudoChainHolderMain::descendants));
        pids.add(root.call(() -> ProcessHandle.current().pid()));
        StringBuilder line = new StringBuilder("PIDS");
        for (long pid : pids) {
            line.append(' ').append(pid);
        }
        System.out.println(line);
        System.out.flush();
        Thread.sleep(120_000);
        router.close();
    }

    static List<Long> descendants() {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }
}
