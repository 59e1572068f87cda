package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.internal.boot.BootScript;
import io.econtext.transport.local.Local;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Other local users are hostile: none of them can put code on the class path of a running child, however they race
 * its boot. The attack is real (see {@link ClassPathAttack}): the user nobody re-creates every path it learns of with
 * a planted class, resource and service providers; the child's JDK must find none of it.
 */
@Timeout(60)
class ClassPathHijackTest {
    private static final Duration RACER_BOUND = Duration.ofSeconds(5);

    @Test
    void aRacerThatRecreatesTheFirstStageDirectoryRunsNothingInTheChild() throws Exception {
        try (ClassPathAttack attack = ClassPathAttack.prepare();
                Router router = Econtext.newRouter()) {
            attack.race(List.of(BootScript.FIRST_STAGE_JAR));
            Context c = router.connect(Local.spec().name("raced").firstStageDirs(List.of(attack.candidateDir())));
            List<String> racer = attack.awaitRecreated(RACER_BOUND);
            List<String> planted = attack.plant(c.info().pid(), c.call(PlantedLookups::stageLocation));

            List<String> found = c.call(PlantedLookups::run);

            assertThat(racer)
                    .as("the racer re-created the first stage's directory")
                    .anyMatch(l -> l.startsWith("re-"));
            assertThat(attack.markers())
                    .as("planted code that ran in the child")
                    .isEmpty();
            assertThat(found)
                    .as("what the child's system class loader found of the planted code; the racer said " + racer
                            + "; the attacker planted " + planted)
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
