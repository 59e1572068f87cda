package io.econtext.internal.boot;

import java.util.List;

/**
 * Renders the POSIX shell script that starts a child. The script finds a private directory for the first-stage class
 * (RAM-backed first), copies the class there from stdin with {@code head -c}, and runs {@code java} with the
 * transport's stdin moved to fd 3 and its stdout to fd 4, so that {@code System.out} and inherited subprocess output
 * land on stderr instead of the protocol. The first stage deletes its file as soon as it runs; the script removes the
 * directory again when the JVM ends, which covers a JVM that failed to start.
 *
 * <pre>
 * n=1834; t=; tried=
 * { chrt -b -p 0 $$; } &gt;/dev/null 2&gt;&amp;1
 * for d in "${XDG_RUNTIME_DIR:-}" '/dev/shm' "${TMPDIR:-}" '/tmp' '/var/tmp'; do ... mktemp -d ... done
 * head -c $n &gt;"$t/EcontextStage1.class"
 * 'java' '-Decontext.name=local-1' ... -cp "$t" EcontextStage1 "$t" 3&lt;&amp;0 4&gt;&amp;1 0&lt;/dev/null 1&gt;&amp;2
 * r=$?; rm -rf "$t"; exit $r
 * </pre>
 */
public final class BootScript {
    /** Exit status of the script when no candidate directory was writable. */
    public static final int EXIT_NO_DIRECTORY = 96;
    /** Marker on stderr that precedes the list of directories tried. */
    public static final String NO_DIRECTORY_MARKER = "ECONTEXT-NODIR:";

    /** The default candidates, in order: RAM-backed first. {@code $NAME} entries are read from the environment. */
    public static final List<String> DEFAULT_DIRS =
            List.of("$XDG_RUNTIME_DIR", "/dev/shm", "$TMPDIR", "/tmp", "/var/tmp");

    private BootScript() {}

    /**
     * @param batch start the JVM under {@code SCHED_BATCH} (see {@link io.econtext.CpuScheduling#BATCH})
     */
    public static String render(
            String javaPath,
            List<String> jvmOptions,
            String contextName,
            int stage1Length,
            List<String> dirs,
            boolean batch) {
        StringBuilder s = new StringBuilder(512);
        s.append("n=").append(stage1Length).append("; t=; tried=\n");
        if (batch) {
            // SCHED_BATCH for the shell and so for the JVM it starts; no chrt (or not Linux): the policy stays
            s.append("{ chrt -b -p 0 $$; } >/dev/null 2>&1\n");
        }
        s.append("for d in");
        for (String d : dirs) {
            s.append(' ').append(word(d));
        }
        s.append("; do\n");
        s.append("  if [ -n \"$d\" ] && [ -d \"$d\" ] && [ -w \"$d\" ]"
                + " && t=$(mktemp -d \"$d/econtext.XXXXXXXX\" 2>/dev/null); then break; fi\n");
        s.append("  tried=\"$tried ${d:-(unset)}\"; t=\n");
        s.append("done\n");
        s.append("if [ -z \"$t\" ]; then echo \"" + NO_DIRECTORY_MARKER + "$tried\" >&2; exit ")
                .append(EXIT_NO_DIRECTORY)
                .append("; fi\n");
        s.append("head -c $n >\"$t/EcontextStage1.class\" || { rm -rf \"$t\"; exit 95; }\n");
        s.append(quote(javaPath));
        s.append(' ').append(quote("-Decontext.name=" + contextName));
        s.append(" -XX:-UsePerfData -Xshare:auto");
        for (String o : jvmOptions) {
            s.append(' ').append(quote(o));
        }
        s.append(" -cp \"$t\" EcontextStage1 \"$t\" 3<&0 4>&1 0</dev/null 1>&2\n");
        s.append("r=$?; rm -rf \"$t\"; exit $r\n");
        return s.toString();
    }

    /** A candidate directory as a shell word: {@code $NAME} expands (empty when unset), anything else is literal. */
    private static String word(String dir) {
        if (dir.startsWith("$") && dir.substring(1).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return "\"${" + dir.substring(1) + ":-}\"";
        }
        return quote(dir);
    }

    /** Single-quotes {@code s} for a POSIX shell. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
