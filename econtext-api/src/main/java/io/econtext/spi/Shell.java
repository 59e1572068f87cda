package io.econtext.spi;

import java.util.Map;
import java.util.TreeMap;

/**
 * POSIX shell text for transports that build command lines around the {@link BootCommand}'s script: quoting, and the
 * environment as {@code export} lines. One way to write each, so that every transport quotes alike.
 *
 * <pre>{@code
 * String remote = "exec sh -c " + Shell.quote(command.scriptWithEnvironment());   // e.g. for a remote login shell
 * }</pre>
 */
public final class Shell {
    private Shell() {}

    /** {@code s} single-quoted for a POSIX shell: {@code it's} becomes {@code 'it'\''s'}. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * One {@code export NAME='value'} line per variable, in name order (stable command lines), or the empty string.
     *
     * @throws IllegalArgumentException when a name is not a shell variable name ({@link SpecChecks#environment}): it
     *     would be shell code, not a name
     */
    public static String exports(Map<String, String> environment) {
        if (environment.isEmpty()) {
            return "";
        }
        SpecChecks.environment(environment);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<String, String>(environment).entrySet()) {
            b.append("export ")
                    .append(e.getKey())
                    .append('=')
                    .append(quote(e.getValue()))
                    .append('\n');
        }
        return b.toString();
    }
}
