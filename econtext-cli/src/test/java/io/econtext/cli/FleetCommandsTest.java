package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec} and {@code ping} with {@code --hosts}: two hosts of the private sshd (as 127.0.0.1 and as localhost)
 * and one whose port refuses, over the embedded client: per-host output, the summary, {@code --json}, {@code
 * --group-output}, and the exit status.
 */
@Timeout(120)
class FleetCommandsTest {
    private static SshdFixture sshd;
    private static TestUser user;
    private static int closedPort;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestclifleet");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private String[] args(String hostsText, String command, String... rest) throws Exception {
        Path hosts = tmp.resolve("hosts.txt");
        Files.writeString(hosts, hostsText);
        Path knownHosts = tmp.resolve("known_hosts"); // localhost is learned: accept-new
        Files.copy(sshd.knownHostsFile(), knownHosts, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> a = new ArrayList<>(List.of(
                command,
                "--hosts",
                hosts.toString(),
                "--ssh-client",
                "embedded",
                "--identity",
                user.privateKey().toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--host-key-policy",
                "accept-new",
                "--connect-timeout",
                "20"));
        a.addAll(Arrays.asList(rest));
        return a.toArray(new String[0]);
    }

    private static String good() {
        return "[web] user=" + user.name() + "\n127.0.0.1:" + sshd.port() + "\nlocalhost:" + sshd.port() + "\n";
    }

    @Test
    void execPrefixesEachHostsOutputAndExitsZeroWhenAllSucceeded() throws Exception {
        MainRunner.Result r = MainRunner.run(args(good(), "exec", "--", "sh", "-c", "echo hello; echo oops >&2"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("127.0.0.1:" + sshd.port() + ": hello")
                .contains("localhost:" + sshd.port() + ": hello");
        assertThat(r.err())
                .contains("localhost:" + sshd.port() + ": oops")
                .contains("2 hosts: 2 succeeded, 0 failed in");
    }

    @Test
    void aFailingHostMakesTheStatusOneAndIsSummarizedByItsReason() throws Exception {
        String hosts = good() + user.name() + "@127.0.0.1:" + closedPort + "\n";
        MainRunner.Result r = MainRunner.run(args(hosts, "exec", "--", "sh", "-c", "exit 3"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("127.0.0.1:" + closedPort + ": connect failed:")
                .contains("3 hosts: 0 succeeded, 3 failed in")
                .contains("failed: 2 exit 3 (127.0.0.1:" + sshd.port() + ", localhost:" + sshd.port() + "); 1"
                        + " SshConnectException (127.0.0.1:" + closedPort + ")");
    }

    @Test
    void jsonGivesOneObjectPerHost() throws Exception {
        String hosts = good() + user.name() + "@127.0.0.1:" + closedPort + "\n";
        MainRunner.Result r = MainRunner.run(args(hosts, "exec", "--json", "--", "sh", "-c", "printf 'a\"b\\n'"));

        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("{\"host\":\"127.0.0.1:" + sshd.port() + "\",\"ok\":true,")
                        .contains("\"exit\":0,\"stdout\":\"a\\\"b\\n\",\"stderr\":\"\",\"truncated\":false}"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("{\"host\":\"127.0.0.1:" + closedPort + "\",\"ok\":false,")
                        .contains("\"stage\":\"connect\",\"error\":\"SshConnectException\""));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void groupOutputPrintsEachDistinctOutputOnce() throws Exception {
        MainRunner.Result r = MainRunner.run(args(good(), "exec", "--group-output", "--", "echo", "same"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .isEqualTo("== 127.0.0.1:" + sshd.port() + ", localhost:" + sshd.port() + " (2 hosts)\nsame\n");
    }

    @Test
    void pingListsEveryHostAndAShardTakesItsShare() throws Exception {
        MainRunner.Result r = MainRunner.run(args(good(), "ping"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("broadcast ms")
                .contains("127.0.0.1:" + sshd.port())
                .contains("localhost:" + sshd.port())
                .contains(user.name() + "@");

        int both = 0;
        for (int k = 0; k < 2; k++) {
            MainRunner.Result shard = MainRunner.run(args(good(), "ping", "--json", "--shard", k + "/2"));
            assertThat(shard.exitCode()).as(shard.err()).isZero();
            both += (int) shard.out().lines().count();
        }
        assertThat(both).as("the two shards together hold every host once").isEqualTo(2);
    }

    @Test
    void hostsOfASiteAreBootedByItsGateway() throws Exception {
        // the gateway is booted by the master (embedded client); the site's host by the gateway, with its own ssh
        String destination = user.name() + "@127.0.0.1:" + sshd.port();
        String hosts = "[site] via=" + destination + "\n" + destination + "\n" + "[far] via=" + user.name()
                + "@127.0.0.1:" + closedPort + "\nfar1\nfar2\n";
        List<String> a = new ArrayList<>(Arrays.asList(args(hosts, "exec", "--", "sh", "-c", "echo $PPID")));
        a.set(a.indexOf("--known-hosts") + 1, sshd.knownHostsFile().toString()); // the gateway's user reads it
        a.set(a.indexOf("--host-key-policy") + 1, "enforce");

        MainRunner.Result r = MainRunner.run(a.toArray(new String[0]));

        assertThat(r.out()).startsWith("127.0.0.1:" + sshd.port() + ": ");
        assertThat(r.err())
                .contains("far1: connect failed: gateway " + user.name() + "@127.0.0.1:" + closedPort + ": ")
                .contains("3 hosts: 1 succeeded, 2 failed in")
                .contains("2 SshConnectException (far1, far2)");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void rsyncRunsOncePerHostWithThatHostAsItsRemoteSide() throws Exception {
        MainRunner.Result r = MainRunner.run(
                args(good(), "rsync", "--", "-v", "--dry-run", "ctx:/etc/hostname", tmp.toString() + "/"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("127.0.0.1:" + sshd.port() + ": hostname")
                .contains("localhost:" + sshd.port() + ": hostname");
        assertThat(r.err()).contains("2 hosts: 2 succeeded, 0 failed in");
        assertThat(tmp.resolve("hostname")).as("a dry run").doesNotExist();
    }

    @Test
    void aFleetRunsOnTheEmbeddedClientUnlessToldOtherwise() throws Exception {
        String hosts = user.name() + "@127.0.0.1:" + closedPort + "\n";
        List<String> a = new ArrayList<>(Arrays.asList(args(hosts, "ping", "--json")));
        a.remove(a.indexOf("--ssh-client") + 1);
        a.remove("--ssh-client");

        MainRunner.Result byDefault = MainRunner.run(a.toArray(new String[0]));
        a.addAll(List.of("--ssh-client", "openssh"));
        MainRunner.Result openssh = MainRunner.run(a.toArray(new String[0]));

        // what each client said about the refused port: MINA's connect future, OpenSSH's own line
        assertThat(byDefault.out()).contains("SshConnectException").contains("DefaultConnectFuture");
        assertThat(openssh.out())
                .contains("SshConnectException")
                .contains("ssh: connect to host 127.0.0.1 port " + closedPort)
                .doesNotContain("DefaultConnectFuture");
    }

    @Test
    void fleetOptionsAreUsageErrorsWithoutHostsOrWithABadFile() throws Exception {
        assertThat(MainRunner.run("exec", "--json", "--", "true").err()).contains("need --hosts FILE");
        Path bad = tmp.resolve("bad.txt");
        Files.writeString(bad, "web1\nweb2 port=22\n");
        MainRunner.Result r = MainRunner.run("exec", "--hosts", bad.toString(), "--", "true");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--hosts: " + bad + ":2: 'port=22'");
        assertThat(MainRunner.run(args(good(), "exec", "--group", "db", "--", "true"))
                        .err())
                .contains("--group: 'db' is not a group of")
                .contains("its groups: web");
        assertThat(MainRunner.run(args(good(), "exec", "--shard", "2/2", "--", "true"))
                        .err())
                .contains("--shard: '2/2' (expected: K/N with 0 <= K < N");
    }
}
