package io.econtext;

import java.util.Arrays;

/**
 * A password or other secret. It crosses the wire (encrypted transports only, in a context you chose), but never
 * prints: {@link #toString()} is {@code ****}, and it never appears in an exception message or a log.
 *
 * <pre>{@code
 * Secret pw = Secret.of(System.getenv("DEPLOY_PASSWORD").toCharArray());
 * }</pre>
 */
public final class Secret {
    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    /** A secret holding a copy of {@code value}; the caller may wipe its array afterwards. */
    public static Secret of(char[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value : null (expected: a char array)");
        }
        return new Secret(value);
    }

    /** A copy of the secret's characters. Wipe it when done. */
    public char[] reveal() {
        return value.clone();
    }

    /** Number of characters. */
    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && Arrays.equals(value, ((Secret) o).value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
