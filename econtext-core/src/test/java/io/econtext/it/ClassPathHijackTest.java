package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.internal.boot.BootScript;
import io.econtext.transport.local.Local;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Other local users are hostile: none of them can put code on the class path of a running child, however they race
 * its boot. The attack is real (see {@link ClassPathAttack}): the user nobody re-creates every path it learns of with
 * a planted class, resource and service providers, also at the worst moment (the first stage written and deleted, the
 * JVM about to resolve its class path); the child's JDK must find none of it.
 */
@Timeout(60)
class ClassPathHijackTest {
    @Test
    void aRacerThatPlantsAtTheFirstStagesNameBeforeTheJvmStartsRunsNothingInTheChild() throws Exception {
        try (ClassPathAttack attack = ClassPathAttack.prepare();
                Router router = Econtext.newRouter()) {
            attack.race(List.of("EcontextStage1.jar"));
            Context c = router.connect(Local.spec()
                    .name("raced")
                    .javaPath(attack.javaThatLetsTheAttackerPlantFirst(BootstrapTest.THIS_JAVA))
                    .firstStageDirs(List.of(attack.candidateDir())));
            List<String> first = attack.plantedBeforeTheJvmStarted();
            List<String> planted = attack.plant(c.info().pid(), c.call(PlantedLookups::stageLocation));

            List<String> found = c.call(PlantedLookups::run);

            assertThat(first)
                    .as("the attacker planted its jar under the first stage's name before the JVM started")
                    .anyMatch(
                            l -> l.startsWith("planted " + attack.candidateDir() + "/" + BootScript.FIRST_STAGE_PREFIX))
                    .as("and could not create the name the child's fd 5 shows for it")
                    .anyMatch(l -> l.startsWith("refused ") && l.endsWith(" (deleted)"));
            assertThat(attack.markers())
                    .as("planted code that ran in the child")
                    .isEmpty();
            assertThat(found)
                    .as("what the child's system class loader found of the planted code; before the JVM started the"
                            + " attacker said " + first + "; after: " + planted)
                    .isEmpty();
        }
    }

    @Test
    void aLocalUserWhoRecreatesEveryClassPathEntryOfARunningChildRunsNothingInIt() throws Exception {
        try (ClassPathAttack attack = ClassPathAttack.prepare();
                Router router = Econtext.newRouter()) {
            for (Context c : BootstrapTest.contextsOnEveryJdk(router)) {
                List<String> planted = attack.plant(c.info().pid(), c.call(PlantedLookups::stageLocation));

                List<String> found = c.call(PlantedLookups::run);

                String jdk = "a child on Java " + c.info().javaVersion();
                assertThat(planted)
                        .as("the attacker re-created the first stage's former location, " + jdk)
                        .anyMatch(l -> l.startsWith("planted "));
                assertThat(attack.markers())
                        .as("planted code that ran in " + jdk)
                        .isEmpty();
                assertThat(found)
                        .as("what the system class loader of " + jdk + " found of the planted code; the attacker: "
                                + planted)
                        .isEmpty();
            }
        }
    }
}
