package io.econtext.internal.boot;

import java.util.List;

/**
 * Renders the POSIX shell script that starts a child. The script creates the first stage's jar in the first candidate
 * directory that it may write, that no other user controls (sticky, or its own; RAM-backed first) and that has room
 * for it, opens it as fd 5 and deletes it again, then copies the jar's bytes from stdin into it with {@code head -c}
 * and replaces itself with {@code java}: the transport's stdin moved to fd 3 and its stdout to fd 4, so that
 * {@code System.out} and inherited subprocess output land on stderr instead of the protocol.
 *
 * <pre>
 * n=3506; f=; tried=
 * { chrt -b -p 0 $$; } &gt;/dev/null 2&gt;&amp;1
 * g=; m=...                                                  16 MiB G1 regions with 512 MiB of memory or more
 * for d in "${XDG_RUNTIME_DIR:-}" '/dev/shm' "${TMPDIR:-}" '/tmp' '/var/tmp'; do
 *   ... f=$(mktemp "$d/econtext.___(231)___XXXXXXXXXX")      a 250-byte name
 *   ... printf "%${n}s" '' &gt;"$f" &amp;&amp; exec 5&lt;&gt;"$f"; rm -f "$f"    room for n bytes, or the next candidate
 * done
 * head -c $n &gt;&amp;5                                            the jar, into the reserved bytes of the deleted file
 * exec java ... $g -cp /dev/fd/5 EcontextStage1 3&lt;&amp;0 4&gt;&amp;1 0&lt;/dev/null 1&gt;&amp;2
 * </pre>
 *
 * <p>Nothing is left, whatever fails: the jar has no name any more when {@code java} starts, so a JVM that never
 * starts, hangs, or is killed with the whole process group leaves nothing behind. The only window is the shell's own
 * first millisecond, between {@code mktemp} and {@code rm}, before it reads stdin.
 *
 * <p>A full candidate: the space is reserved with {@code n} spaces (a builtin) before stdin is read, so a candidate
 * without room costs nothing of the stage and the next one is tried; overwriting reserved bytes needs no more room.
 * When no candidate will do, the script prints {@link #NO_DIRECTORY_MARKER} and each directory with why it was passed
 * over ({@code full}, {@code not writable}, ...) and exits with {@link #EXIT_NO_DIRECTORY}.
 *
 * <p>Why the class path cannot be hijacked: the class path must name nothing that another local user could create,
 * replace or write while the child runs (the candidates are world-writable). The JDK resolves each class-path entry
 * to a real path once, at startup ({@code realpath}, and on failure the longest prefix that resolves plus the rest).
 * {@code /dev/fd/5} is a link to {@code "DIR/NAME (deleted)"}; that name is 260 bytes, longer than any file name can
 * be (255), so no one can create it and the lookup fails; the JDK falls back to {@code /proc/PID/fd/5}, the child's
 * own descriptor of the deleted jar, which only the child's user can open and no one can make name anything else. (A
 * short name would not do: another user could create {@code "DIR/econtext.x (deleted)"} in the sticky candidate
 * before the JVM starts, and the JDK would load that.) The JDK reads classes and resources only through the jar it
 * opened there; {@code java.class.path} says {@code /dev/fd/5}; the JDK closes fd 5 in every subprocess it starts.
 */
public final class BootScript {
    /** Exit status of the script when no candidate directory would take the first stage. */
    public static final int EXIT_NO_DIRECTORY = 96;
    /** Marker on stderr that precedes the list of directories tried, each with why it was passed over. */
    public static final String NO_DIRECTORY_MARKER = "ECONTEXT-NODIR:";
    /** How the name of the first stage's jar begins, in its candidate directory, for the millisecond it has one. */
    public static final String FIRST_STAGE_PREFIX = "econtext.";
    /**
     * The length of that name: at most 255 bytes (every Linux file system's limit), more than 245, so that the name
     * the child's {@code /dev/fd/5} shows once the jar is deleted, {@code "NAME (deleted)"}, cannot exist.
     */
    public static final int FIRST_STAGE_NAME_LENGTH = 250;
    /** The descriptor the child JVM's class path names: the first stage's jar, open, without a name. */
    static final int FIRST_STAGE_FD = 5;

    /** The default candidates, in order: RAM-backed first. {@code $NAME} entries are read from the environment. */
    public static final List<String> DEFAULT_DIRS =
            List.of("$XDG_RUNTIME_DIR", "/dev/shm", "$TMPDIR", "/tmp", "/var/tmp");

    /**
     * G1's region size for a child: 16 MiB, so that every array below 8 MiB is an ordinary young object, not a
     * humongous one. G1 counts a humongous object as old from birth, and on JDK 17 does not reclaim a dead humongous
     * {@code Object[]} before its next marking; until then the references in it keep alive every young object they
     * name. A decoded list of 1M strings has a 4 MB {@code Object[]}: with the default 4 MiB regions each such list
     * that died kept its strings alive, to be copied by every young collection (115 ms pauses, the heap growing by
     * its size each time; see the value rows of {@code econtext bench}). Lists of up to 2M elements now die young.
     * The archived CDS heap is kept (unlike with another collector, which costs each boot 8-13 ms).
     */
    static final String REGION_OPTION = "-XX:G1HeapRegionSize=16m";
    /** The least heap bound {@link #REGION_OPTION} is used with: 8 regions. */
    static final long REGION_MIN_HEAP_MIB = 128;
    /** The least memory {@link #REGION_OPTION} is used with: its default heap is a quarter, {@link #REGION_MIN_HEAP_MIB}. */
    static final long REGION_MIN_MEMORY_MIB = 4 * REGION_MIN_HEAP_MIB;

    private static final String RANDOM = "XXXXXXXXXX";
    private static final String TEMPLATE = FIRST_STAGE_PREFIX
            + "_".repeat(FIRST_STAGE_NAME_LENGTH - FIRST_STAGE_PREFIX.length() - RANDOM.length())
            + RANDOM;

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
        StringBuilder s = new StringBuilder(1024);
        s.append("n=").append(stage1Length).append("; f=; tried=\n");
        if (batch) {
            // SCHED_BATCH for the shell and so for the JVM it becomes; no chrt (or not Linux): the policy stays
            s.append("{ chrt -b -p 0 $$; } >/dev/null 2>&1\n");
        }
        // before the first stage has a name: nothing may widen the window between its mktemp and rm
        boolean regions = largeRegionsAllowed(jvmOptions);
        if (regions) {
            appendRegionChoice(s);
        }
        s.append("for d in");
        for (String d : dirs) {
            s.append(' ').append(word(d));
        }
        s.append("; do\n");
        s.append("  if [ -z \"$d\" ]; then w='unset'\n");
        s.append("  elif [ ! -d \"$d\" ]; then w='not a directory'\n");
        s.append("  elif [ ! -w \"$d\" ]; then w='not writable'\n");
        // sticky (others cannot rename or replace what we create) or ours: never a directory another user controls,
        // e.g. the operator's $XDG_RUNTIME_DIR that sudo -E hands to root
        s.append("  elif [ ! -k \"$d\" ] && [ ! -O \"$d\" ]; then w='neither sticky nor ours'\n");
        s.append("  elif ! f=$(mktemp \"$d/" + TEMPLATE + "\" 2>/dev/null); then w='mktemp failed'\n");
        // room for the whole jar before a byte of stdin is read; the file loses its name before anything else
        s.append("  elif { printf \"%${n}s\" '' >\"$f\"; } 2>/dev/null && exec " + FIRST_STAGE_FD
                + "<>\"$f\"; then rm -f \"$f\"; break\n");
        s.append("  else rm -f \"$f\"; w='full'\n");
        s.append("  fi\n");
        s.append("  tried=\"$tried${tried:+,} ${d:-(unset)} ($w)\"; f=\n");
        s.append("done\n");
        s.append("if [ -z \"$f\" ]; then echo \"" + NO_DIRECTORY_MARKER + "$tried\" >&2; exit ")
                .append(EXIT_NO_DIRECTORY)
                .append("; fi\n");
        s.append("head -c $n >&" + FIRST_STAGE_FD + " || { echo \"" + NO_DIRECTORY_MARKER
                        + "$tried${tried:+,} $d (full, after all)\" >&2; exit ")
                .append(EXIT_NO_DIRECTORY)
                .append("; }\n");
        s.append("exec ").append(quote(javaPath));
        s.append(' ').append(quote("-Decontext.name=" + contextName));
        s.append(" -XX:-UsePerfData -Xshare:auto");
        if (regions) {
            s.append(" $g");
        }
        for (String o : jvmOptions) {
            s.append(' ').append(quote(o));
        }
        s.append(" -cp /dev/fd/" + FIRST_STAGE_FD + " EcontextStage1");
        s.append(" 3<&0 4>&1 0</dev/null 1>&2\n");
        return s.toString();
    }

    /**
     * Whether the child may run with {@link #REGION_OPTION}: not when {@code jvmOptions} bound the heap below {@link
     * #REGION_MIN_HEAP_MIB} MiB or in a way this cannot read ({@code -XX:MaxRAM...}), since G1 refuses to start with
     * fewer than a few regions ({@code -Xmx32m} with 16 MiB regions fails). A region size or collector of the
     * application's own wins anyway: it comes later on the command line.
     */
    static boolean largeRegionsAllowed(List<String> jvmOptions) {
        for (String o : jvmOptions) {
            if (o.startsWith("-XX:MaxRAM")) {
                return false;
            }
            String size = o.startsWith("-Xmx")
                    ? o.substring(4)
                    : o.startsWith("-XX:MaxHeapSize=") ? o.substring("-XX:MaxHeapSize=".length()) : null;
            if (size != null && mebibytes(size) < REGION_MIN_HEAP_MIB) {
                return false;
            }
        }
        return true;
    }

    /** A JVM size ({@code 512m}, {@code 2G}, {@code 1048576k}, bytes) in MiB, rounded down; -1 when unreadable. */
    static long mebibytes(String size) {
        if (size.isEmpty()) {
            return -1;
        }
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        int shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : unit == 't' ? 40 : 0;
        String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return (Long.parseLong(digits) << shift) >> 20;
    }

    /**
     * Sets {@code g} to {@link #REGION_OPTION} when the target has at least {@link #REGION_MIN_MEMORY_MIB} MiB (the
     * smaller of its RAM and its container's limit, as the JVM sizes its default heap: a quarter of that) and the
     * environment sets no heap bound through {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}. Builtins only, no
     * process: where /proc or cgroups are missing (not Linux) {@code g} stays empty and the JVM keeps its own choice.
     */
    private static void appendRegionChoice(StringBuilder s) {
        s.append("g=; m=0\n");
        s.append("{ while read -r k v u; do [ \"$k\" = MemTotal: ] && m=$((v / 1024)) && break; done </proc/meminfo; }"
                + " 2>/dev/null\n");
        s.append("for c in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do\n");
        s.append("  l=; { read -r l <\"$c\"; } 2>/dev/null\n");
        s.append("  case $l in ''|*[!0-9]*) ;; *) [ $((l / 1048576)) -lt $m ] && m=$((l / 1048576));; esac\n");
        s.append("done\n");
        s.append(
                "case \"${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-}\" in *-Xmx*|*MaxHeapSize*|*MaxRAM*) m=0;; esac\n");
        s.append("[ $m -ge ")
                .append(REGION_MIN_MEMORY_MIB)
                .append(" ] && g=")
                .append(REGION_OPTION)
                .append('\n');
    }

    /** A candidate directory as a shell word: {@code $NAME} expands (empty when unset), anything else is literal. */
    private static String word(String dir) {
        if (dir.startsWith("$") && dir.substring(1).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return "\"${" + dir.substring(1) + ":-}\"";
        }
        return quote(dir);
    }

    /** Single-quotes {@code s} for a POSIX shell ({@link io.econtext.spi.Shell#quote}). */
    static String quote(String s) {
        return io.econtext.spi.Shell.quote(s);
    }
}
