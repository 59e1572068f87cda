package io.econtext.internal.boot;

import java.util.List;

/**
 * Renders the POSIX shell script that starts a child. The script makes a private directory for the first stage in the
 * first candidate that it may write and that no other user controls (sticky, or its own; RAM-backed first), copies
 * the first-stage jar there from stdin with {@code head -c}, and runs {@code java} with the transport's stdin moved to
 * fd 3 and its stdout to fd 4, so that {@code System.out} and inherited subprocess output land on stderr instead of the
 * protocol. The script removes the directory again when the JVM ends, which covers a JVM that failed to start.
 *
 * <pre>
 * n=3506; t=; tried=
 * { chrt -b -p 0 $$; } &gt;/dev/null 2&gt;&amp;1
 * for d in "${XDG_RUNTIME_DIR:-}" '/dev/shm' "${TMPDIR:-}" '/tmp' '/var/tmp'; do ... mktemp -d ... done
 * head -c $n &gt;"$t/EcontextStage1.jar"
 * java ... -cp /dev/fd/5 EcontextStage1 5&lt;"$t/EcontextStage1.jar" 3&lt;&amp;0 4&gt;&amp;1 0&lt;/dev/null 1&gt;&amp;2
 * r=$?; rm -rf "$t"; exit $r
 * </pre>
 *
 * <p>Why a jar on a descriptor: the class path must hold nothing that another local user could create, replace or
 * write while the child runs (the candidate directories are world-writable). The JDK resolves each class-path entry
 * to its real path once, at startup, before the first stage runs: {@code /dev/fd/5} becomes the jar in the fresh 0700
 * directory, which only this user can touch then. A jar entry is opened at once (the first stage is loaded from it)
 * and read only through that open file afterwards, so the first stage deletes the jar and the directory at once and an
 * attacker who re-creates that path feeds nothing to the JVM. A directory entry would not do: the JDK looks up every
 * later class or resource by path in it, so a re-created directory would serve the attacker's service providers.
 * {@code java.class.path} itself says {@code /dev/fd/5}, the JVM's own descriptor of the deleted jar, which no one
 * else can make name anything else; the JDK closes it in every subprocess it starts.
 */
public final class BootScript {
    /** Exit status of the script when no candidate directory was writable. */
    public static final int EXIT_NO_DIRECTORY = 96;
    /** Marker on stderr that precedes the list of directories tried. */
    public static final String NO_DIRECTORY_MARKER = "ECONTEXT-NODIR:";
    /** The name of the first stage's jar in its private directory (the first stage deletes only a file so named). */
    public static final String FIRST_STAGE_JAR = "EcontextStage1.jar";
    /** The descriptor the child JVM's class path names: the first stage's jar, open for reading. */
    static final int FIRST_STAGE_FD = 5;

    /** The default candidates, in order: RAM-backed first. {@code $NAME} entries are read from the environment. */
    public static final List<String> DEFAULT_DIRS =
            List.of("$XDG_RUNTIME_DIR", "/dev/shm", "$TMPDIR", "/tmp", "/var/tmp");

    private BootScript() {}

    /**
     * @param stage1Length the length of the first stage's jar, which stdin begins with
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
        // sticky (others cannot rename or replace what we create) or ours: never a directory another user controls,
        // e.g. the operator's $XDG_RUNTIME_DIR that sudo -E hands to root
        s.append("  if [ -n \"$d\" ] && [ -d \"$d\" ] && [ -w \"$d\" ] && { [ -k \"$d\" ] || [ -O \"$d\" ]; }"
                + " && t=$(mktemp -d \"$d/econtext.XXXXXXXX\" 2>/dev/null); then break; fi\n");
        s.append("  tried=\"$tried ${d:-(unset)}\"; t=\n");
        s.append("done\n");
        s.append("if [ -z \"$t\" ]; then echo \"" + NO_DIRECTORY_MARKER + "$tried\" >&2; exit ")
                .append(EXIT_NO_DIRECTORY)
                .append("; fi\n");
        s.append("head -c $n >\"$t/" + FIRST_STAGE_JAR + "\" || { rm -rf \"$t\"; exit 95; }\n");
        s.append(quote(javaPath));
        s.append(' ').append(quote("-Decontext.name=" + contextName));
        s.append(" -XX:-UsePerfData -Xshare:auto");
        for (String o : jvmOptions) {
            s.append(' ').append(quote(o));
        }
        s.append(" -cp /dev/fd/" + FIRST_STAGE_FD + " EcontextStage1 " + FIRST_STAGE_FD + "<\"$t/" + FIRST_STAGE_JAR
                + "\"");
        s.append(" 3<&0 4>&1 0</dev/null 1>&2\n");
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
