package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.CallOptions;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.JavaNotFoundException;
import io.econtext.Router;
import io.econtext.Secret;
import io.econtext.core.Econtext;
import io.econtext.testkit.LocalProcesses;
import io.econtext.testkit.sshd.ProcessRunner;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import io.econtext.transport.local.Local;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded client against a real OpenSSH sshd on loopback: key types, an encrypted key, host keys under each
 * policy, a closed port, a missing java, a chain below it, and its threads (one client per router, gone with it).
 */
@Timeout(90)
class EmbeddedClientTest {
    private static final String KEY_COMMENT = "econtext-embedded-client-test";

    private static SshdFixture sshd;
    private static TestUser user;
    private static Path keys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestembclient");
        keys = Files.createTempDirectory("econtext-embedded-keys-");
    }

    @AfterAll
    static void stopSshd() throws IOException {
        if (user != null) {
            Path authorized = user.home().resolve(".ssh/authorized_keys");
            List<String> kept = Files.readAllLines(authorized).stream()
                    .filter(l -> !l.endsWith(KEY_COMMENT))
                    .collect(Collectors.toList());
            Files.write(authorized, kept, StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (keys != null) {
            ProcessRunner.of("rm", "-rf", keys.toString())
                    .timeout(Duration.ofSeconds(10))
                    .run();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshSpec embedded() {
        return SshTestSpecs.as(sshd, user).client(SshClientKind.EMBEDDED);
    }

    /** A new key of {@code type} whose public half the test user accepts; the passphrase is a throwaway test value. */
    private static Path authorizedKey(String type, String passphrase) throws IOException {
        Path file = keys.resolve("id_" + type + (passphrase.isEmpty() ? "" : "_encrypted"));
        ProcessRunner.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", KEY_COMMENT, "-f", file.toString())
                .timeout(Duration.ofSeconds(30))
                .runChecked();
        String pub = Files.readString(file.resolveSibling(file.getFileName() + ".pub"));
        Files.writeString(user.home().resolve(".ssh/authorized_keys"), pub.strip() + "\n", StandardOpenOption.APPEND);
        return file;
    }

    @Test
    void logsInWithEcdsaAndRsaKeys() throws Exception {
        Path ecdsa = authorizedKey("ecdsa", "");
        Path rsa = authorizedKey("rsa", "");
        try (Router router = Econtext.newRouter()) {
            for (Path key : List.of(ecdsa, rsa)) {
                Context c = router.connect(embedded().identityFile(key.toString()));

                assertThat(c.call(() -> System.getProperty("user.name"))).isEqualTo(user.name());
            }
        }
    }

    @Test
    void logsInWithAnEncryptedKeyAndItsPassphrase() throws Exception {
        Path key = authorizedKey("ed25519", "test-only passphrase");
        try (Router router = Econtext.newRouter()) {
            SshAuthenticationException missing = catchThrowableOfType(
                    SshAuthenticationException.class,
                    () -> router.connect(embedded().identityFile(key.toString())));
            assertThat(missing.getMessage())
                    .startsWith("cannot use identityFile " + key)
                    .contains("identityPassphrase(Secret)");

            SshAuthenticationException wrong = catchThrowableOfType(
                    SshAuthenticationException.class,
                    () -> router.connect(embedded()
                            .identityFile(key.toString())
                            .identityPassphrase(Secret.of("not it".toCharArray()))));
            assertThat(wrong.getMessage()).startsWith("cannot use identityFile " + key);
            assertThat(wrong.getMessage() + wrong.outputTail()).doesNotContain("not it");

            Context c = router.connect(embedded()
                    .identityFile(key.toString())
                    .identityPassphrase(Secret.of("test-only passphrase".toCharArray())));
            assertThat(c.call(() -> 6 * 7)).isEqualTo(42);
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailure() throws Exception {
        Path wrongKey = tmp.resolve("wrong_ed25519");
        ProcessRunner.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrongKey.toString())
                .timeout(Duration.ofSeconds(30))
                .runChecked();
        try (Router router = Econtext.newRouter()) {
            SshAuthenticationException e = catchThrowableOfType(
                    SshAuthenticationException.class,
                    () -> router.connect(embedded().identityFile(wrongKey.toString())));

            assertThat(e).isExactlyInstanceOf(SshAuthenticationException.class);
            assertThat(e.getMessage())
                    .startsWith(user.name() + "@127.0.0.1:" + sshd.port() + " accepted none of the keys offered")
                    .contains(wrongKey.toString());
            assertThat(e.serverMethods()).contains("publickey");
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedUnderEnforceWithItsFingerprint() throws Exception {
        Path empty = Files.createFile(tmp.resolve("known_hosts"));
        try (Router router = Econtext.newRouter()) {
            SshHostKeyException e = catchThrowableOfType(
                    SshHostKeyException.class, () -> router.connect(embedded().knownHostsFile(empty.toString())));

            assertThat(e.changed()).isFalse();
            assertThat(e.fingerprint()).isEqualTo(sshd.hostKeyFingerprint());
            assertThat(e.getMessage())
                    .contains("ssh-ed25519 " + sshd.hostKeyFingerprint())
                    .contains("is not known, and hostKeyPolicy is ENFORCE");
            assertThat(Files.readString(empty)).isEmpty();
        }
    }

    @Test
    void anUnknownHostKeyIsRecordedUnderAcceptNewAndIgnoredUnderIgnore() throws Exception {
        Path knownHosts = Files.createFile(tmp.resolve("known_hosts"));
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(
                    embedded().knownHostsFile(knownHosts.toString()).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW));
            assertThat(c.call(() -> 1)).isEqualTo(1);
            String recorded = Files.readString(knownHosts);
            assertThat(recorded).contains("[127.0.0.1]:" + sshd.port()).contains("ssh-ed25519");

            // recorded: ENFORCE now accepts it
            assertThat(router.connect(embedded().knownHostsFile(knownHosts.toString()))
                            .call(() -> 2))
                    .isEqualTo(2);

            Path empty = Files.createFile(tmp.resolve("empty_known_hosts"));
            Context ignored =
                    router.connect(embedded().knownHostsFile(empty.toString()).hostKeyPolicy(HostKeyPolicy.IGNORE));
            assertThat(ignored.call(() -> 3)).isEqualTo(3);
            assertThat(Files.readString(empty)).isEmpty();
        }
    }

    @Test
    void aHashedKnownHostsEntryIsKnown() throws Exception {
        Path hashed = tmp.resolve("known_hosts");
        Files.copy(sshd.knownHostsFile(), hashed);
        ProcessRunner.of("ssh-keygen", "-q", "-H", "-f", hashed.toString())
                .timeout(Duration.ofSeconds(30))
                .runChecked();
        assertThat(Files.readString(hashed)).startsWith("|1|").doesNotContain("127.0.0.1");

        try (Router router = Econtext.newRouter()) {
            assertThat(router.connect(embedded().knownHostsFile(hashed.toString()))
                            .call(() -> 6))
                    .isEqualTo(6);
        }
    }

    @Test
    void aChangedHostKeyIsRefusedUnderEnforceAndAcceptNewAndIgnoredUnderIgnore() throws Exception {
        try (SshdFixture rotated = SshdFixture.start();
                Router router = Econtext.newRouter()) {
            TestUser u = rotated.user("ectestembclient");
            Path knownHosts = tmp.resolve("known_hosts");
            Files.copy(rotated.knownHostsFile(), knownHosts);
            String before = Files.readString(knownHosts);
            rotated.rotateHostKey();
            for (HostKeyPolicy policy : List.of(HostKeyPolicy.ENFORCE, HostKeyPolicy.ACCEPT_NEW)) {
                SshSpec spec = SshTestSpecs.as(rotated, u)
                        .client(SshClientKind.EMBEDDED)
                        .knownHostsFile(knownHosts.toString())
                        .hostKeyPolicy(policy);

                SshHostKeyException e = catchThrowableOfType(SshHostKeyException.class, () -> router.connect(spec));

                assertThat(e.changed()).as(policy.name()).isTrue();
                assertThat(e.fingerprint()).isEqualTo(rotated.hostKeyFingerprint());
                assertThat(e.getMessage()).contains("has CHANGED").contains(rotated.hostKeyFingerprint());
            }
            assertThat(Files.readString(knownHosts)).isEqualTo(before);

            Context c = router.connect(SshTestSpecs.as(rotated, u)
                    .client(SshClientKind.EMBEDDED)
                    .knownHostsFile(knownHosts.toString())
                    .hostKeyPolicy(HostKeyPolicy.IGNORE));
            assertThat(c.call(() -> 4)).isEqualTo(4);
        }
    }

    @Test
    void killingTheHopsSshdSessionFailsItsPendingCallPromptly() throws Exception {
        TestUser killed = sshd.user("ectestembkilled");
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(SshTestSpecs.as(sshd, killed).client(SshClientKind.EMBEDDED));
            long pid = c.info().pid();
            CompletableFuture<Integer> pending = c.callAsync(() -> {
                Thread.sleep(60_000);
                return 1;
            });
            assertThat(c.with(CallOptions.DEFAULT.withConcurrent(true)).call(() -> 2))
                    .isEqualTo(2);

            long start = System.nanoTime();
            sshd.killSessionsOf(killed.name());

            ExecutionException failure =
                    catchThrowableOfType(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
            assertThat(failure).as("the pending call failed within 5 s").isNotNull();
            assertThat(failure.getCause()).isInstanceOf(ContextDisconnectedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(LocalProcesses.stillRunningAfter(Duration.ofSeconds(5), List.of(pid)))
                    .as("the child JVM exits")
                    .isEmpty();
        }
    }

    @Test
    void aServerThatNeverSpeaksSshIsAConnectFailureWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                Router router = Econtext.newRouter()) {
            long start = System.nanoTime();
            SshConnectException e = catchThrowableOfType(
                    SshConnectException.class,
                    () -> router.connect(Ssh.to("127.0.0.1")
                            .port(silent.getLocalPort())
                            .client(SshClientKind.EMBEDDED)
                            .connectTimeout(Duration.ofSeconds(3))));

            // the handshake's budget is OpenSSH's ConnectTimeout for 3 s (2 s); closing the session and a loaded
            // machine add to it
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(e.getMessage()).contains("did not finish the ssh handshake in time");
        }
    }

    @Test
    void aMissingJavaIsJavaNotFound() throws Exception {
        TestUser noJava = sshd.userWithPath("ectestembnojava", "/nonexistent");
        try (Router router = Econtext.newRouter()) {
            JavaNotFoundException e = catchThrowableOfType(
                    JavaNotFoundException.class,
                    () -> router.connect(SshTestSpecs.as(sshd, noJava).client(SshClientKind.EMBEDDED)));

            assertThat(e.getMessage()).contains("'java' was not found");
        }
    }

    @Test
    void theEmbeddedClientBelowTheMasterFailsAtConnectWithATypedMessage() {
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(embedded());

            SshClientUnavailableException e = catchThrowableOfType(
                    SshClientUnavailableException.class,
                    () -> router.connect(SshTestSpecs.as(sshd, user)
                            .client(SshClientKind.EMBEDDED)
                            .via(a)));

            assertThat(e.getMessage())
                    .contains("the embedded ssh client runs only in the master")
                    .contains("client(SshClientKind.OPENSSH)");
            assertThat(a.call(() -> 5)).isEqualTo(5);
        }
    }

    @Test
    void bootsALocalChildBelowAnEmbeddedHop() {
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(embedded());
            Context b = router.connect(Local.spec().via(a));

            assertThat(b.call(() -> System.getProperty("user.name"))).isEqualTo(user.name());
            assertThat(b.info().pid()).isNotEqualTo(a.info().pid());
            assertThat(b.call(() -> ProcessHandle.current()
                            .parent()
                            .map(ProcessHandle::pid)
                            .orElse(-1L)))
                    .isEqualTo(a.info().pid());
        }
    }

    @Test
    void oneClientServesEveryHostAndStopsWithTheRouter() throws Exception {
        List<String> before = minaThreads(); // clients of routers other tests closed may still be winding down
        Router router = Econtext.newRouter();
        List<String> ours;
        try {
            for (int i = 0; i < 4; i++) {
                assertThat(router.connect(embedded()).call(() -> 1)).isEqualTo(1);
            }
            ours = minaThreads().stream().filter(n -> !before.contains(n)).collect(Collectors.toList());
            // I/O workers, as many that resume reads, one timer: a fixed set, whatever the number of hosts
            assertThat(ours).isNotEmpty().hasSizeLessThanOrEqualTo(MinaSshClient.THREADS);
            assertThat(ProcessHandle.current()
                            .descendants()
                            .map(p -> p.info().command().orElse("")))
                    .as("no ssh process")
                    .noneMatch(c -> c.equals("ssh") || c.endsWith("/ssh"));
        } finally {
            router.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (minaThreads().stream().anyMatch(ours::contains) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(minaThreads()).doesNotContainAnyElementsOf(ours);
    }

    @Test
    void aHostCostsTheMasterNoThreadOfItsOwn() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context first = router.connect(embedded().name("emb-first"));
            assertThat(first.call(() -> 1)).isEqualTo(1);
            int threadsWithOne = Thread.activeCount();

            List<Context> hosts = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                hosts.add(router.connect(embedded().name("emb-host-" + i)));
            }
            for (Context c : hosts) { // a call with a deadline: its writes must not start a writer thread either
                assertThat(c.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(20)))
                                .call(() -> 7))
                        .isEqualTo(7);
            }

            // the OpenSSH client costs an ssh process and a reader, a stderr and a writer thread per host
            assertThat(threadNames())
                    .as("no reader, stderr or writer thread per host")
                    .noneMatch(n -> n.contains("emb-host-"));
            assertThat(Thread.activeCount() - threadsWithOne)
                    .as("threads added by 10 more hosts")
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aStoppedHostWithAFullWindowSlowsNeitherItsSiblingNorTheLoop() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context frozen = router.connect(embedded().name("emb-frozen"));
            Context sibling = router.connect(embedded().name("emb-sibling"));
            ProcessRunner.of("kill", "-STOP", Long.toString(frozen.info().pid()))
                    .timeout(Duration.ofSeconds(10))
                    .run();
            try {
                byte[] arg = new byte[64 * 1024];
                List<CompletableFuture<Integer>> stuck = new java.util.concurrent.CopyOnWriteArrayList<>();
                // 60 x 64 KiB: past the SSH window and the stream's soft limit; past that, each caller waits for room
                // at most its deadline (backpressure towards the caller), on its own thread
                Thread flooder = new Thread(() -> {
                    for (int i = 0; i < 60; i++) {
                        stuck.add(frozen.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(1)))
                                .callAsync(() -> arg.length));
                    }
                });
                flooder.start();
                Thread.sleep(500);

                long[] rtt = new long[50];
                for (int i = 0; i < rtt.length; i++) {
                    long t0 = System.nanoTime();
                    assertThat(sibling.call(() -> 3)).isEqualTo(3);
                    rtt[i] = System.nanoTime() - t0;
                }
                java.util.Arrays.sort(rtt);
                assertThat(Duration.ofNanos(rtt[rtt.length / 2]))
                        .as("the sibling's median round trip while the stopped host's window is full")
                        .isLessThan(Duration.ofMillis(50));

                long start = System.nanoTime();
                ExecutionException late = catchThrowableOfType(
                        ExecutionException.class,
                        () -> stuck.get(stuck.size() - 1).get(10, TimeUnit.SECONDS));
                assertThat(late)
                        .as("a call to the stopped host ends at its deadline")
                        .isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(sibling.call(() -> 4)).isEqualTo(4);
            } finally {
                ProcessRunner.of("kill", "-CONT", Long.toString(frozen.info().pid()))
                        .timeout(Duration.ofSeconds(10))
                        .run();
            }
        }
    }

    @Test
    void theApplicationsBlockingCallbacksNeverRunOnTheSharedIoThreads() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger blockedLines = new java.util.concurrent.atomic.AtomicInteger();
        io.econtext.ContextOutput output = (context, stream, line) -> {
            if (line.startsWith("block")) {
                blockedLines.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS); // an appender stuck on a full disk, say
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (Router router =
                Econtext.newRouter(io.econtext.core.RouterOptions.defaults().withOutput(output))) {
            // more busy hosts than MINA has I/O threads (2 workers, 2 that resume reads)
            List<Context> busy = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                busy.add(router.connect(embedded().name("emb-busy-" + i)));
            }
            Context sibling = router.connect(embedded().name("emb-calm"));
            CallOptions bounded = CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(5));
            try {
                // continuations of callAsync futures that block
                List<CompletableFuture<Void>> stuck = new java.util.ArrayList<>();
                for (Context c : busy) {
                    stuck.add(c.callAsync(() -> 1).thenAccept(x -> {
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
                Thread.sleep(300);
                assertThat(sibling.with(bounded).call(() -> 5)).isEqualTo(5);

                // an output consumer that blocks on what every busy host prints
                for (Context c : busy) {
                    c.callNoReply(() -> System.out.println("block " + System.getProperty("econtext.name")));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (blockedLines.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(blockedLines.get())
                        .as("the consumer got a line and blocks")
                        .isPositive();
                Thread.sleep(300);
                long t0 = System.nanoTime();
                assertThat(sibling.with(bounded).call(() -> 6)).isEqualTo(6);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
                for (Context c : busy) {
                    assertThat(c.with(bounded).call(() -> 7)).as(c.name()).isEqualTo(7);
                }
            } finally {
                release.countDown();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (blockedLines.get() < busy.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(blockedLines.get())
                    .as("every line delivered, none dropped")
                    .isEqualTo(busy.size());
        }
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .collect(Collectors.toList());
    }

    private static List<String> minaThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("sshd-SshClient"))
                .collect(Collectors.toList());
    }
}
