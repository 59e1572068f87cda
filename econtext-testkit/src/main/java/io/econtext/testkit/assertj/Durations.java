package io.econtext.testkit.assertj;

import java.time.Duration;

/** Bounds as failure messages show them: {@code 5 s}, {@code 200 ms}. */
final class Durations {
    private Durations() {}

    static String toText(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
