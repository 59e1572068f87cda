package io.econtext.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A child reads its boot parameters before anything else: a value it cannot start with is an
 * {@link IllegalArgumentException} naming the field (found by {@code BootParametersFuzzTest}; before, a
 * ClassCastException, an IndexOutOfBoundsException, or parameters the runtime then failed on).
 */
class BootRequestTest {
    @Test
    void readsBackWhatItWrites() {
        BootRequest sent = new BootRequest(7, "app", new int[] {3, 0}, 2, 1 << 20);

        BootRequest read = BootRequest.fromValue(sent.toValue());

        assertThat(read.id()).isEqualTo(7);
        assertThat(read.name()).isEqualTo("app");
        assertThat(read.ancestors()).containsExactly(3, 0);
        assertThat(read.logLevel()).isEqualTo(2);
        assertThat(read.maxFrame()).isEqualTo(1 << 20);
        assertThat(read.heartbeatIntervalMillis()).isEqualTo(BootRequest.DEFAULT_HEARTBEAT_INTERVAL_MILLIS);
        assertThat(read.defaultHeartbeatTimeoutMillis()).isEqualTo(BootRequest.DEFAULT_HEARTBEAT_TIMEOUT_MILLIS);
        assertThat(read.parentName()).isNull();
        BootRequest both = BootRequest.fromValue(BootRequest.of(
                        7,
                        "app",
                        "middle",
                        new int[] {3, 0},
                        2,
                        1024,
                        io.econtext.transport.local.Local.spec(),
                        5,
                        6,
                        List.of("com.acme.MoneyCodec"))
                .toValue());
        assertThat(both.parentName()).isEqualTo("middle");
        assertThat(both.typeCodecs()).containsExactly("com.acme.MoneyCodec");
    }

    @Test
    void rejectsAHeartbeatThatIsNotFourPositiveMillis() {
        assertThatThrownBy(() -> BootRequest.fromValue(Arrays.asList(7, "app", List.of(0), 2, 1024, List.of(1L, 2L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("boot parameters: heartbeat : a list of 2 (expected: [interval, timeout, default interval,"
                        + " default timeout] in ms)");
        assertThatThrownBy(() ->
                        BootRequest.fromValue(Arrays.asList(7, "app", List.of(0), 2, 1024, List.of(1L, 0L, 3L, 4L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("boot parameters: heartbeat 1 : a Long (expected: a positive long)");
    }

    @Test
    void rejectsAValueOfTheWrongShape() {
        assertThatThrownBy(() -> BootRequest.fromValue(7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "boot parameters: expected [id, name, [ancestor ids], log level, max frame size, [heartbeat ms x"
                                + " 4], parent name, [type codecs]], got a Integer");
        assertThatThrownBy(() -> BootRequest.fromValue(List.of(7, "app")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("got a list of 2");
    }

    @Test
    void rejectsFieldsOfTheWrongKind() {
        assertThatThrownBy(() ->
                        BootRequest.fromValue(Arrays.asList("7", "app", List.of(0), 2, 1024, List.of(1L, 2L, 3L, 4L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("boot parameters: id : a String (expected: an int)");
        assertThatThrownBy(() ->
                        BootRequest.fromValue(Arrays.asList(7, null, List.of(0), 2, 1024, List.of(1L, 2L, 3L, 4L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("boot parameters: name : null (expected: a string)");
        assertThatThrownBy(() ->
                        BootRequest.fromValue(Arrays.asList(7, "app", List.of("0"), 2, 1024, List.of(1L, 2L, 3L, 4L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("boot parameters: ancestor 0 : a String (expected: an int)");
    }

    @Test
    void rejectsParametersTheRuntimeCannotStartWith() {
        assertThatThrownBy(() -> BootRequest.fromValue(new BootRequest(7, "app", new int[0], 2, 1024).toValue()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("boot parameters: ancestors : a list of 0 (expected: a list of ids, parent first)");
        assertThatThrownBy(() -> BootRequest.fromValue(new BootRequest(7, "app", new int[] {0}, 2, 0).toValue()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("boot parameters: max frame size : 0 (expected: > 0)");
    }
}
