package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.internal.boot.BootScript;
import io.econtext.it.ClassPathAttack;
import io.econtext.it.PlantedLookups;
import io.econtext.testkit.sudo.SudoFixture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Other local users are hostile, also to a child that sudo made root: the user nobody re-creates every path of the
 * child's class path it can learn of, racing the boot and after it (see {@link ClassPathAttack}), and no planted code
 * ever runs in the child.
 */
@Timeout(60)
class SudoClassPathHijackTest {
    private static final String TARGET = "ectestsudohijack";
    private static SudoFixture sudo;

    @BeforeAll
    static void setUp() throws Exception {
        sudo = SudoFixture.start();
        sudo.user(TARGET);
    }

    @AfterAll
    static void tearDown() {
        if (sudo != null) {
            sudo.close();
        }
    }

    @Test
    void aLocalUserRacingTheBootOfARootChildRunsNothingInIt() throws Exception {
        try (ClassPathAttack attack = ClassPathAttack.prepare();
                Router router = Econtext.newRouter()) {
            attack.race(List.of("EcontextStage1.jar"));
            Context c = router.connect(Sudo.root()
                    .javaPath(attack.javaThatLetsTheAttackerPlantFirst(SudoTransportTest.JAVA))
                    .name("root-raced")
                    .firstStageDirs(List.of(attack.candidateDir())));
            List<String> first = attack.plantedBeforeTheJvmStarted();
            List<String> planted = attack.plant(c.info().pid(), c.call(PlantedLookups::stageLocation));

            List<String> found = c.call(PlantedLookups::run);

            assertThat(c.info().user()).isEqualTo("root");
            assertThat(first)
                    .as("the attacker planted its jar under the first stage's name before the root JVM started")
                    .anyMatch(
                            l -> l.startsWith("planted " + attack.candidateDir() + "/" + BootScript.FIRST_STAGE_PREFIX))
                    .as("and could not create the name the child's fd 5 shows for it")
                    .anyMatch(l -> l.startsWith("refused ") && l.endsWith(" (deleted)"));
            assertThat(attack.markers()).as("planted code that ran as root").isEmpty();
            assertThat(found)
                    .as("what the root child's class loader found of the planted code; before the JVM started the"
                            + " attacker said " + first + "; after: " + planted)
                    .isEmpty();
        }
    }

    @Test
    void aLocalUserWhoRecreatesTheClassPathOfAChildRunningAsAnotherUserRunsNothingInIt() throws Exception {
        try (ClassPathAttack attack = ClassPathAttack.prepare();
                Router router = Econtext.newRouter()) {
            Context c = router.connect(
                    Sudo.user(TARGET).javaPath(SudoTransportTest.JAVA).name("target"));
            List<String> planted = attack.plant(c.info().pid(), c.call(PlantedLookups::stageLocation));

            List<String> found = c.call(PlantedLookups::run);

            assertThat(c.info().user()).isEqualTo(TARGET);
            assertThat(planted)
                    .as("the attacker re-created the first stage's former location")
                    .anyMatch(l -> l.startsWith("planted "));
            assertThat(attack.markers())
                    .as("planted code that ran as " + TARGET)
                    .isEmpty();
            assertThat(found)
                    .as("what the child's class loader found of the planted code; the attacker: " + planted)
                    .isEmpty();
        }
    }
}
