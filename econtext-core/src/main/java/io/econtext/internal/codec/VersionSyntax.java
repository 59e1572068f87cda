package io.econtext.internal.codec;

/**
 * Whether {@link Runtime.Version#parse} accepts a string, checked in one pass without a regular expression, so that a
 * decoder hands it only strings it takes, and those its pattern matches without backtracking. On a string it refuses
 * the JDK's pattern backtracks over every letter and digit before it gives up (under a fuzzer's instrumentation, 200 to
 * 300 KB of allocation for 50 to 100 bytes of payload).
 *
 * <pre>
 * $VNUM(-$PRE)?(\+$BUILD)?(-$OPT)?     what parse accepts, as Runtime.Version.toString() writes it, and
 * $VNUM\+-$OPT                         (an optional part without the other two)
 * $VNUM   [1-9][0-9]*((\.0)*\.[1-9][0-9]*)*    numbers; none but a middle one is 0, none has a leading 0
 * $PRE    [a-zA-Z0-9]+
 * $BUILD  0|[1-9][0-9]*
 * $OPT    [-a-zA-Z0-9.]+
 * </pre>
 *
 * A string this accepts may still fail to parse on a number past {@code int}; {@code parse} says so.
 */
final class VersionSyntax {
    private VersionSyntax() {}

    static boolean accepts(String s) {
        int end = 0;
        while (end < s.length() && (isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        // $VNUM is all of the leading digits and dots: what follows it starts with '-' or '+', or is nothing
        return versionNumber(s, end) && rest(s, end);
    }

    /** Whether {@code s[0, end)} is a $VNUM. */
    private static boolean versionNumber(String s, int end) {
        int start = 0;
        boolean lastIsZero = false;
        for (int i = 0; i <= end; i++) {
            if (i < end && s.charAt(i) != '.') {
                continue;
            }
            int length = i - start;
            if (length == 0) {
                return false;
            }
            lastIsZero = s.charAt(start) == '0';
            if (lastIsZero && (start == 0 || length > 1)) {
                return false;
            }
            start = i + 1;
        }
        return !lastIsZero;
    }

    /** Whether {@code s} from {@code i} is {@code (-$PRE)?(\+$BUILD)?(-$OPT)?} or {@code \+-$OPT}. */
    private static boolean rest(String s, int i) {
        if (i == s.length()) {
            return true;
        }
        if (s.charAt(i) == '+') {
            // +$BUILD(-$OPT)?, or +-$OPT
            return build(s, i, true);
        }
        if (s.charAt(i) != '-') {
            return false;
        }
        int j = i + 1;
        while (j < s.length() && isAlphanumeric(s.charAt(j))) {
            j++;
        }
        if (j == i + 1) {
            return false;
        }
        // -$PRE, then nothing, +$BUILD(-$OPT)? or -$OPT
        return j == s.length() || (s.charAt(j) == '+' ? build(s, j, false) : optional(s, j));
    }

    /**
     * Whether {@code s} from the '+' at {@code i} is {@code \+$BUILD(-$OPT)?}, or {@code \+-$OPT} where {@code
     * withoutBuild} (no $PRE came before).
     */
    private static boolean build(String s, int i, boolean withoutBuild) {
        int j = i + 1;
        while (j < s.length() && isDigit(s.charAt(j))) {
            j++;
        }
        if (j == i + 1) {
            return withoutBuild && j < s.length() && optional(s, j);
        }
        if (j - i > 2 && s.charAt(i + 1) == '0') {
            return false;
        }
        return j == s.length() || optional(s, j);
    }

    /** Whether {@code s} from {@code i} to its end is {@code -$OPT}. */
    private static boolean optional(String s, int i) {
        if (s.charAt(i) != '-' || i + 1 == s.length()) {
            return false;
        }
        for (int k = i + 1; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!isAlphanumeric(c) && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
