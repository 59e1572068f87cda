package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VersionSyntax} accepts exactly what {@code Runtime.Version.parse} accepts (but for numbers past {@code int}):
 * checked against it on known strings and on 300,000 strings made of the pieces of the syntax.
 */
class VersionSyntaxTest {
    private static final String[] PIECES = {
        "1", "9", "17", "0", "00", "05", "10", ".", "..", "-", "+", "a", "Z", "ea", "x.y", " ", "?", "é", "٣", "_"
    };

    @Test
    void agreesWithTheJdkOnKnownStrings() {
        String[] strings = {
            "17",
            "17.0.15+6-Debian-1deb12u1",
            "17.0.1",
            "17.0",
            "17.00.1",
            "017",
            "0",
            "1.0.0.2",
            "9-ea",
            "9-ea+1",
            "9+1",
            "9+",
            "9+-opt",
            "9-ea+-opt",
            "9-ea-opt",
            "9-a.b",
            "9-a.b+1",
            "9+01",
            "9+0",
            "9+0-x",
            "9--",
            "9-",
            "9.",
            ".9",
            "",
            "3".repeat(48) + " ?",
            "3".repeat(48) + "-",
            "3".repeat(12),
            "1٣",
            "1-é"
        };
        for (String s : strings) {
            assertThat(VersionSyntax.accepts(s)).as("'" + s + "'").isEqualTo(jdkMatches(s));
        }
    }

    @Test
    void agreesWithTheJdkOnStringsMadeOfTheSyntaxsPieces() {
        Random random = new Random(20261207);
        int matched = 0;
        for (int n = 0; n < 300_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = 1 + random.nextInt(7); k > 0; k--) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String s = b.toString();
            boolean jdk = jdkMatches(s);
            assertThat(VersionSyntax.accepts(s)).as("'" + s + "'").isEqualTo(jdk);
            matched += jdk ? 1 : 0;
        }
        assertThat(matched).as("strings the JDK took").isGreaterThan(10_000);
    }

    /**
     * Whether {@code Runtime.Version.parse} takes {@code s}, or refuses it only for a number past {@code int} (a
     * {@link NumberFormatException}, which the decoder leaves to it).
     */
    private static boolean jdkMatches(String s) {
        if (s.isEmpty()) {
            return false; // parse refuses it first, as a NumberFormatException
        }
        try {
            Runtime.Version.parse(s);
            return true;
        } catch (NumberFormatException e) {
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
