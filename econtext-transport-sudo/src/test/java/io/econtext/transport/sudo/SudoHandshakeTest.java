package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.transport.sudo.SudoHandshake.Step;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SudoHandshakeTest {
    private static final String ASKED = "ECONTEXT-SUDO-ASKED:0123456789ab";
    private static final String OK = "ECONTEXT-SUDO-OK:ba9876543210";

    private static Step feed(SudoHandshake h, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return h.feed(b, 0, b.length);
    }

    @Test
    void aFirstAskIsTheHelpersToAnswerThenTheCommandRuns() {
        SudoHandshake h = new SudoHandshake(ASKED, OK, true);
        assertThat(feed(h, ASKED + "\n")).isEqualTo(Step.NOTHING);
        assertThat(h.asks()).isEqualTo(1);
        assertThat(feed(h, OK + "\nchild says hi\n")).isEqualTo(Step.RUNNING);
        assertThat(new String(h.passThrough(), StandardCharsets.UTF_8)).isEqualTo("child says hi\n");
        assertThat(h.sudoText()).isEmpty();
    }

    @Test
    void markersSplitAcrossReadsAtEveryPositionAreStillFound() {
        String all = "lecture line\n" + ASKED + "\n" + OK + "\nafter";
        int okEnd = all.indexOf(OK) + OK.length() + 1;
        for (int cut = 1; cut < okEnd; cut++) {
            SudoHandshake h = new SudoHandshake(ASKED, OK, true);
            Step first = feed(h, all.substring(0, cut));
            Step second = feed(h, all.substring(cut));
            assertThat(first).as("cut at %d", cut).isEqualTo(Step.NOTHING);
            assertThat(second).as("cut at %d", cut).isEqualTo(Step.RUNNING);
            assertThat(h.asks()).as("cut at %d", cut).isEqualTo(1);
            assertThat(h.sudoText()).as("cut at %d", cut).isEqualTo("lecture line");
            assertThat(new String(h.passThrough(), StandardCharsets.UTF_8))
                    .as("cut at %d", cut)
                    .isEqualTo("after");
        }
    }

    @Test
    void aSecondAskMeansThePasswordWasRefused() {
        SudoHandshake h = new SudoHandshake(ASKED, OK, true);
        assertThat(feed(h, ASKED + "\n")).isEqualTo(Step.NOTHING);
        assertThat(feed(h, "Sorry, try again.\n" + ASKED + "\n")).isEqualTo(Step.PASSWORD_INCORRECT);
        assertThat(h.outcome()).isEqualTo(Step.PASSWORD_INCORRECT);
        assertThat(h.sudoText()).isEqualTo("Sorry, try again.");
    }

    @Test
    void anAskWithoutPasswordEndsTheHandshake() {
        SudoHandshake h = new SudoHandshake(ASKED, OK, false);
        assertThat(feed(h, ASKED + "\n")).isEqualTo(Step.PASSWORD_REQUIRED);
    }

    @Test
    void withoutAnyAskTheOkMarkerAloneMeansRunning() {
        SudoHandshake h = new SudoHandshake(ASKED, OK, false);
        assertThat(feed(h, OK + "\n")).isEqualTo(Step.RUNNING);
        assertThat(h.asks()).isZero();
        assertThat(h.passThrough()).isEmpty();
    }

    @Test
    void promptShapedTextAndGuessedMarkersAreJustText() {
        SudoHandshake h = new SudoHandshake(ASKED, OK, true);
        assertThat(feed(h, "[sudo] password for ops: ")).isEqualTo(Step.NOTHING);
        assertThat(feed(h, "\nECONTEXT-SUDO-ASKED:ffffffffffff\nECONTEXT-SUDO-PROMPT-0123456789ab:"))
                .isEqualTo(Step.NOTHING);
        assertThat(h.asks()).as("only the helper's own marker counts").isZero();
        assertThat(h.outcome()).isNull();
    }

    @Test
    void sudosWordsAreReportedAsUtf8WithoutTheMarkers() {
        SudoHandshake h = new SudoHandshake(ASKED, OK, true);
        feed(h, "[sudo] ecx1 的密码：\n" + ASKED + "\n" + ASKED.substring(0, 10));
        assertThat(h.sudoText())
                .as("the start of a marker is held back, the rest reported")
                .isEqualTo("[sudo] ecx1 的密码：\n" + ASKED.substring(0, 10));
        assertThat(feed(h, ASKED.substring(10) + "\n")).isEqualTo(Step.PASSWORD_INCORRECT);
        assertThat(h.sudoText()).isEqualTo("[sudo] ecx1 的密码：");
    }
}
