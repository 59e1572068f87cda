package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.transport.sudo.SudoHandshake.Step;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SudoHandshakeTest {
    private static final String PROMPT = "ECONTEXT-SUDO-PROMPT-0123456789ab:";
    private static final String OK = "ECONTEXT-SUDO-OK:0123456789ab";

    private static Step feed(SudoHandshake h, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return h.feed(b, 0, b.length);
    }

    @Test
    void answersTheMarkedPromptOnceThenSeesTheCommandRun() {
        SudoHandshake h = new SudoHandshake(PROMPT, OK, true);
        assertThat(feed(h, PROMPT)).isEqualTo(Step.SEND_PASSWORD);
        assertThat(feed(h, "\n" + OK + "\nchild says hi\n")).isEqualTo(Step.RUNNING);
        assertThat(new String(h.passThrough(), StandardCharsets.UTF_8)).isEqualTo("child says hi\n");
        assertThat(h.sudoText()).isEmpty();
        assertThat(h.prompts()).isEqualTo(1);
    }

    @Test
    void markersSplitAcrossReadsAtEveryPositionAreStillFound() {
        String all = "lecture line\n" + PROMPT + "\n" + OK + "\nafter";
        int okEnd = all.indexOf(OK) + OK.length() + 1;
        for (int cut = 1; cut < okEnd; cut++) {
            SudoHandshake h = new SudoHandshake(PROMPT, OK, true);
            Step first = feed(h, all.substring(0, cut));
            Step second = feed(h, all.substring(cut));
            assertThat(second).as("cut at %d", cut).isEqualTo(Step.RUNNING);
            assertThat(first == Step.SEND_PASSWORD || h.prompts() == 1)
                    .as("cut at %d", cut)
                    .isTrue();
            assertThat(h.sudoText()).as("cut at %d", cut).isEqualTo("lecture line");
            assertThat(new String(h.passThrough(), StandardCharsets.UTF_8))
                    .as("cut at %d", cut)
                    .isEqualTo("after");
        }
    }

    @Test
    void aSecondPromptMeansThePasswordWasRefused() {
        SudoHandshake h = new SudoHandshake(PROMPT, OK, true);
        assertThat(feed(h, PROMPT)).isEqualTo(Step.SEND_PASSWORD);
        assertThat(feed(h, "\nSorry, try again.\n" + PROMPT)).isEqualTo(Step.PASSWORD_INCORRECT);
        assertThat(h.outcome()).isEqualTo(Step.PASSWORD_INCORRECT);
        assertThat(h.sudoText()).isEqualTo("Sorry, try again.");
    }

    @Test
    void aPromptWithoutPasswordEndsTheHandshake() {
        SudoHandshake h = new SudoHandshake(PROMPT, OK, false);
        assertThat(feed(h, PROMPT)).isEqualTo(Step.PASSWORD_REQUIRED);
    }

    @Test
    void withoutAnyPromptTheOkMarkerAloneMeansRunning() {
        SudoHandshake h = new SudoHandshake(PROMPT, OK, false);
        assertThat(feed(h, OK + "\n")).isEqualTo(Step.RUNNING);
        assertThat(h.prompts()).isZero();
        assertThat(h.passThrough()).isEmpty();
    }

    @Test
    void aForeignPromptIsAnUnterminatedLineThatTheCallerFindsQuiet() {
        SudoHandshake h = new SudoHandshake(PROMPT, OK, true);
        assertThat(feed(h, "[sudo: authenticate] Password: ")).isEqualTo(Step.NOTHING);
        assertThat(h.awaitingInput()).isTrue();
        assertThat(h.foreignPrompt()).isEqualTo(Step.SEND_PASSWORD);
        assertThat(h.awaitingInput()).as("the same line is not a second prompt").isFalse();
        assertThat(feed(h, "\n")).isEqualTo(Step.NOTHING);
        assertThat(h.awaitingInput()).isFalse();
        assertThat(feed(h, "Sorry, try again.\n[sudo: authenticate] Password: "))
                .isEqualTo(Step.NOTHING);
        assertThat(h.awaitingInput()).isTrue();
        assertThat(h.foreignPrompt()).isEqualTo(Step.PASSWORD_INCORRECT);
    }

    @Test
    void localizedPromptsAreTakenByShapeAndReportedAsUtf8() {
        SudoHandshake h = new SudoHandshake(PROMPT, OK, false);
        feed(h, "[sudo] ecx1 的密码：");
        assertThat(h.awaitingInput()).isTrue();
        assertThat(h.foreignPrompt()).isEqualTo(Step.PASSWORD_REQUIRED);
        assertThat(h.sudoText()).isEqualTo("[sudo] ecx1 的密码：");
    }

    @Test
    void terminatedLinesAndAPartialMarkerAreNotPrompts() {
        SudoHandshake h = new SudoHandshake(PROMPT, OK, true);
        feed(h, "We trust you have received the usual lecture.\n");
        assertThat(h.awaitingInput()).isFalse();
        feed(h, PROMPT.substring(0, 10));
        assertThat(h.awaitingInput())
                .as("the start of our own marker is held back, not taken for a prompt")
                .isFalse();
        assertThat(feed(h, PROMPT.substring(10))).isEqualTo(Step.SEND_PASSWORD);
        assertThat(h.sudoText()).isEqualTo("We trust you have received the usual lecture.");
    }
}
