package io.econtext.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts of a fleet, read from a hosts file: one {@code [user@]host[:port]} per line, {@code #} comments, {@code
 * [group]} sections, and per-group or per-host settings ({@code user=}, {@code jump=}, {@code via=}).
 *
 * <pre>
 * # hosts.txt
 * db1.example.com                        # before any section: in no group
 * [web] user=deploy jump=ops@bastion     # every host of [web] logs in as deploy through ops@bastion ...
 * web1.example.com
 * root@web2.example.com:2222             # ... unless its line says otherwise
 * web3 jump=none                         # a Host alias of ~/.ssh/config works as a host
 * [::1]:2222                             # an IPv6 address in brackets
 * [site-b] via=ops@gw.site-b             # booted by a context on the gateway: the master talks to it only
 * app1.site-b
 * [canary]
 * web1.example.com                       # in two groups, listed once (its first line's settings)
 * </pre>
 *
 * {@code jump} is OpenSSH's ProxyJump ({@code [user@]host[:port][,...]}): the host is reached through those hosts, and
 * nothing runs on them. {@code via} ({@code [user@]host[:port]}) is a gateway that runs an econtext context, which
 * boots the hosts of its site with its own {@code ssh}: a tree, where the master talks only to the gateways. {@link #shard(int, int)} splits the hosts stably for many masters side by side.
 *
 * <p>Immutable; any thread.
 */
public final class Inventory {
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]*\\$?");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern JUMP = Pattern.compile("[A-Za-z0-9_.@:\\[\\],-]+");

    private final List<InventoryHost> hosts;
    private final List<String> groups;

    private Inventory(List<InventoryHost> hosts, List<String> groups) {
        this.hosts = List.copyOf(hosts);
        this.groups = List.copyOf(groups);
    }

    /** The inventory of these hosts. */
    public static Inventory of(List<InventoryHost> hosts) {
        Set<String> groups = new LinkedHashSet<>();
        for (InventoryHost h : hosts) {
            groups.addAll(h.groups());
        }
        return new Inventory(hosts, new ArrayList<>(groups));
    }

    /**
     * Reads a hosts file.
     *
     * @throws InventoryException naming the file, the line and what is wrong
     */
    public static Inventory read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Reads a hosts file's text; {@code source} names it in errors.
     *
     * @throws InventoryException naming the source, the line and what is wrong
     */
    public static Inventory parse(String text, String source) {
        Map<String, InventoryHost> hosts = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        String group = null;
        Map<String, String> groupSettings = Map.of();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words[0].startsWith("[") && words[0].indexOf(']') < 0 && line.indexOf(']') > 0) {
                throw new InventoryException(
                        source,
                        lineNo,
                        "group '" + line.substring(0, line.indexOf(']') + 1)
                                + "' (expected: a name without spaces, e.g. [web])");
            }
            if (isGroupHeader(words[0])) {
                group = words[0].substring(1, words[0].length() - 1);
                if (!GROUP_NAME.matcher(group).matches()) {
                    throw new InventoryException(
                            source,
                            lineNo,
                            "group name '" + group + "' (expected: letters, digits, '_', '.', '-', e.g. [web])");
                }
                groupSettings = settings(words, source, lineNo);
                if (!groups.contains(group)) {
                    groups.add(group);
                }
                continue;
            }
            Map<String, String> own = settings(words, source, lineNo);
            InventoryHost parsed = host(words[0], own, groupSettings, group, source, lineNo);
            InventoryHost known = hosts.get(parsed.name());
            if (known == null) {
                hosts.put(parsed.name(), parsed);
            } else if (group != null && !known.groups().contains(group)) {
                List<String> g = new ArrayList<>(known.groups());
                g.add(group);
                hosts.put(
                        known.name(),
                        new InventoryHost(
                                known.name(), known.host(), known.port(), known.user(), known.jump(), known.via(), g));
            }
        }
        return new Inventory(new ArrayList<>(hosts.values()), groups);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** {@code [web]}, not {@code [::1]:22} (an IPv6 address has colons, a group name none). */
    private static boolean isGroupHeader(String word) {
        return word.startsWith("[") && word.endsWith("]") && word.indexOf(':') < 0;
    }

    private static Map<String, String> settings(String[] words, String source, int lineNo) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int w = 1; w < words.length; w++) {
            int eq = words[w].indexOf('=');
            String key = eq < 0 ? words[w] : words[w].substring(0, eq);
            String value = eq < 0 ? "" : words[w].substring(eq + 1);
            if (!key.equals("user") && !key.equals("jump") && !key.equals("via")) {
                throw new InventoryException(
                        source,
                        lineNo,
                        "'" + words[w] + "' (expected: user=NAME,"
                                + " jump=[user@]host[:port][,...] or via=[user@]host[:port] after the host or group)");
            }
            if (key.equals("user") && !USER_NAME.matcher(value).matches()) {
                throw new InventoryException(source, lineNo, "user '" + value + "' (expected: a login name)");
            }
            if (key.equals("jump") && !JUMP.matcher(value).matches()) {
                throw new InventoryException(
                        source, lineNo, "jump '" + value + "' (expected: [user@]host[:port][,...], or none)");
            }
            if (key.equals("via") && (!JUMP.matcher(value).matches() || value.indexOf(',') >= 0)) {
                throw new InventoryException(
                        source, lineNo, "via '" + value + "' (expected: [user@]host[:port] of a gateway, or none)");
            }
            settings.put(key, value);
        }
        return settings;
    }

    private static InventoryHost host(
            String word,
            Map<String, String> own,
            Map<String, String> ofGroup,
            String group,
            String source,
            int lineNo) {
        String rest = word;
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (!USER_NAME.matcher(user).matches()) {
                throw new InventoryException(
                        source, lineNo, "user '" + user + "' in '" + word + "' (expected: [user@]host[:port])");
            }
        }
        String host = rest;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 < rest.length() && rest.charAt(close + 1) != ':') {
                throw new InventoryException(
                        source,
                        lineNo,
                        "'" + word + "' (expected: [user@]host[:port], an IPv6 address as [addr]:port)");
            }
            host = rest.substring(1, close);
            portText = close + 1 < rest.length() ? rest.substring(close + 2) : null;
        } else if (rest.indexOf(':') >= 0) {
            int colon = rest.indexOf(':');
            if (colon != rest.lastIndexOf(':')) {
                throw new InventoryException(
                        source,
                        lineNo,
                        "'" + word
                                + "' (expected: [user@]host[:port]; write an IPv6 address in brackets: [addr]:port)");
            }
            host = rest.substring(0, colon);
            portText = rest.substring(colon + 1);
        }
        if (host.isEmpty() || (!rest.startsWith("[") && !HOST_NAME.matcher(host).matches())) {
            throw new InventoryException(
                    source,
                    lineNo,
                    "host '" + host + "' in '" + word
                            + "' (expected: a host name, an address or a Host alias of ~/.ssh/config)");
        }
        int port = 0;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new InventoryException(
                        source, lineNo, "port '" + portText + "' in '" + word + "' (expected: 1-65535)");
            }
        }
        if (user == null) {
            user = own.containsKey("user") ? own.get("user") : ofGroup.get("user");
        }
        String jump = own.containsKey("jump") ? own.get("jump") : ofGroup.get("jump");
        if ("none".equals(jump)) {
            jump = null;
        }
        String via = own.containsKey("via") ? own.get("via") : ofGroup.get("via");
        if ("none".equals(via)) {
            via = null;
        }
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        if (port != 0) {
            name = name + ":" + port;
        }
        return new InventoryHost(name, host, port, user, jump, via, group == null ? List.of() : List.of(group));
    }

    /** Every host, in file order. */
    public List<InventoryHost> hosts() {
        return hosts;
    }

    /** The groups, in file order. */
    public List<String> groups() {
        return groups;
    }

    /**
     * The hosts of {@code group}.
     *
     * @throws IllegalArgumentException when there is no such group (the message lists the groups there are)
     */
    public Inventory group(String group) {
        if (!groups.contains(group)) {
            throw new IllegalArgumentException("group : '" + group + "' (expected one of: "
                    + (groups.isEmpty() ? "none, the inventory has no [group] sections" : String.join(", ", groups))
                    + ")");
        }
        List<InventoryHost> in = new ArrayList<>();
        for (InventoryHost h : hosts) {
            if (h.groups().contains(group)) {
                in.add(h);
            }
        }
        return new Inventory(in, List.of(group));
    }

    /**
     * Shard {@code index} of {@code count}: the hosts whose name hashes to {@code index} (SHA-256 of the name, modulo
     * {@code count}). Stable across runs, JVMs and machines, and independent of the file's order, so that {@code
     * count} masters given indexes {@code 0 .. count-1} (a Kubernetes Indexed Job's {@code JOB_COMPLETION_INDEX}, a CI
     * matrix) each take a disjoint share and together every host.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < count}
     */
    public Inventory shard(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException(
                    "shard : " + index + "/" + count + " (expected: K/N with 0 <= K < N, e.g. 0/4 .. 3/4)");
        }
        List<InventoryHost> in = new ArrayList<>();
        for (InventoryHost h : hosts) {
            if (shardOf(h.name(), count) == index) {
                in.add(h);
            }
        }
        return of(in);
    }

    /** The shard of {@code name} among {@code count}. */
    static int shardOf(String name, int count) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(h, count);
    }

    /** How many hosts. */
    public int size() {
        return hosts.size();
    }

    @Override
    public String toString() {
        return "Inventory(" + hosts.size() + " hosts, groups " + groups + ")";
    }
}
