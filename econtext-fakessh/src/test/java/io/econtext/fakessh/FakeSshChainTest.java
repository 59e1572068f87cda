package io.econtext.fakessh;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import io.econtext.testkit.sudo.SudoFixture;
import io.econtext.transport.ssh.SshTestSpecs;
import io.econtext.transport.sudo.Sudo;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fakessh through real hops: rsync into a sudo context as another user, and scp of 256 MiB through a two-hop ssh
 * chain to the machine's sshd.
 */
@Timeout(180)
class FakeSshChainTest {
    private static final String JAVA =
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    private static SshdFixture sshd;
    private static SudoFixture sudo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        sshd = SshdFixture.start();
        sudo = SudoFixture.start();
    }

    @AfterAll
    static void tearDown() {
        if (sudo != null) {
            sudo.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void rsyncsIntoASudoContextAsTheTargetUser() throws Exception {
        TestUser deploy = sudo.user("ectestfsdeploy");
        Path src = tmp.resolve("src");
        Trees.make(src, 200, 3);
        try (Router router = Econtext.newRouter()) {
            Context ctx = router.connect(Sudo.user(deploy.name()).javaPath(JAVA).name("deploy"));
            String dst = "fakessh-dst-" + System.nanoTime();
            int rc = FakeSsh.command(ctx, List.of("rsync", "-r", src + "/", "app1:" + dst + "/"))
                    .timeout(Duration.ofSeconds(120))
                    .run();
            assertThat(rc).isZero();

            Path landed = deploy.home().resolve(dst);
            try {
                Trees.assertSame(src, landed);
                try (Stream<Path> all = Files.walk(landed)) {
                    for (Path p : (Iterable<Path>) all::iterator) {
                        assertThat(Files.getOwner(p).getName()).as(p.toString()).isEqualTo(deploy.name());
                    }
                }
            } finally {
                FakeSshHome.deleteTree(landed);
            }
        }
    }

    @Test
    void rsyncsIntoASudoAccountBehindAnSshHop() throws Exception {
        TestUser ops = sshd.user("ectestfsops");
        TestUser deploy = sudo.user("ectestfsdeploy");
        sudo.allow(ops.name() + " ALL=(" + deploy.name() + ") NOPASSWD: ALL");
        Path src = tmp.resolve("src");
        Trees.make(src, 100, 5);
        try (Router router = Econtext.newRouter()) {
            Context bastion = router.connect(SshTestSpecs.as(sshd, ops).name("bastion"));
            Context ctx = router.connect(
                    Sudo.user(deploy.name()).javaPath(JAVA).name("deploy").via(bastion));
            String dst = "fakessh-behind-" + System.nanoTime();
            assertThat(FakeSsh.command(ctx, List.of("rsync", "-r", src + "/", "app1:" + dst + "/"))
                            .timeout(Duration.ofSeconds(120))
                            .run())
                    .isZero();
            Path landed = deploy.home().resolve(dst);
            try {
                Trees.assertSame(src, landed);
                assertThat(Files.getOwner(landed).getName()).isEqualTo(deploy.name());
            } finally {
                FakeSshHome.deleteTree(landed);
            }
        }
    }

    @Test
    void scpsA256MibFileThroughATwoHopSshChain() throws Exception {
        TestUser jump = sshd.user("ectestfsjump");
        TestUser app = sshd.user("ectestfsapp");
        Path key = sshd.copyPrivateKey(app, jump);
        Path big = tmp.resolve("big.bin");
        writeRandom(big, 256L << 20);
        String name = "fakessh-big-" + System.nanoTime() + ".bin";
        try (Router router = Econtext.newRouter()) {
            Context hop1 = router.connect(SshTestSpecs.as(sshd, jump).name("jump"));
            Context hop2 = router.connect(SshTestSpecs.as(sshd, app)
                    .identityFile(key.toString())
                    .name("app")
                    .via(hop1));

            int rc = FakeSsh.command(hop2, List.of("scp", "-q", big.toString(), "app:" + name))
                    .timeout(Duration.ofSeconds(150))
                    .run();
            assertThat(rc).isZero();

            Path landed = app.home().resolve(name);
            try {
                assertThat(Files.size(landed)).isEqualTo(256L << 20);
                assertThat(Trees.sha256(landed)).isEqualTo(Trees.sha256(big));
                assertThat(Files.getOwner(landed).getName()).isEqualTo(app.name());
            } finally {
                Files.deleteIfExists(landed);
            }
        }
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(11);
        byte[] block = new byte[1 << 20];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (long done = 0; done < size; done += block.length) {
                random.nextBytes(block);
                f.write(block);
            }
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
